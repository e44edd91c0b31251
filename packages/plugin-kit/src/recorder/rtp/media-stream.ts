import { JitterBuffer, type BufferOutcome } from './jitter-buffer.js';
import type { PacketCounters } from './packet-counters.js';
import type { RtpPacket } from './rtp-packet.js';
import { SequenceExtender } from './sequence-extender.js';

/** A buffered packet: the RTP packet, or null for one that arrived while the recording was paused (kept only for sequence accounting). */
export type StreamItem = RtpPacket | null;

/** Where a stream's packets arrive, for placing them on the recording's timeline. */
export interface ArrivalContext {
  /** Frame of the recording at the packet's arrival (wall time). */
  readonly arrivalFrame: number;
  /** Frames already handed to the file; audio before this is too late. */
  readonly writtenFrame: number;
  /** How far ahead of wall time a packet may be placed before the stream is re-anchored. */
  readonly maxAheadFrames: number;
  /** False while paused: the packet is counted but its audio is discarded. */
  readonly keep: boolean;
}

/** In-order packets in a row arriving after their audio was written before the stream is re-anchored. */
const RESYNC_AFTER_LATE = 5;

/**
 * One RTP stream (one SSRC) of a recording. Its first packet is placed at
 * the wall-clock frame it arrived at; every later packet is placed by its RTP
 * timestamp relative to that anchor, so lost packets and timestamp gaps
 * (silence suppression) leave silence of the right length, and the audio
 * stays where it happened in wall time.
 *
 * A packet arriving after its audio was written is late and dropped. When
 * in-order packets keep arriving late (the sender's clock runs slower than
 * ours, or its timestamps jumped back), or one lands more than the allowed
 * lead ahead of wall time (a fast clock, a timestamp jump forward), the
 * stream is re-anchored at the packet's arrival and the resync is counted.
 * A single network stall therefore costs the audio it delayed, not a shift
 * of everything after it.
 */
export class MediaStream {
  readonly buffer: JitterBuffer<StreamItem>;
  private readonly sequences = new SequenceExtender();
  private anchorFrame = 0;
  private anchorTimestamp = 0;
  private anchored = false;
  private lateRun = 0;

  constructor(
    readonly ssrc: number,
    /** `address:port` the stream comes from, for logs. */
    readonly source: string,
    /** Monotonic ms of the last packet, to tell a stream that went quiet. */
    public lastArrival: number,
    private readonly counters: PacketCounters,
    /**
     * File frames per RTP timestamp unit: 1 when the file runs at the
     * codec's RTP clock; 2 for G.722 (its RTP clock says 8000, RFC 3551
     * §4.5.2, its audio is 16 kHz) or G.711 written to a 16 kHz file.
     */
    private readonly framesPerTick = 1,
  ) {
    this.buffer = new JitterBuffer<StreamItem>(counters);
  }

  offer(packet: RtpPacket, at: ArrivalContext): BufferOutcome {
    this.counters.received++;
    const previousMax = this.sequences.max;
    const sequence = this.sequences.extend(packet.sequence);
    const inOrder = previousMax === undefined || sequence > previousMax;
    let frame = this.anchorFrame + ((packet.timestamp - this.anchorTimestamp) | 0) * this.framesPerTick;
    if (!this.anchored) {
      frame = this.anchor(packet, at);
    } else if (inOrder && frame > at.arrivalFrame + at.maxAheadFrames) {
      frame = this.resync(packet, at);
    } else if (inOrder && frame + packet.payload.length * this.framesPerTick <= at.writtenFrame) {
      if (++this.lateRun < RESYNC_AFTER_LATE) {
        this.counters.late++;
        return 'late';
      }
      frame = this.resync(packet, at);
    } else if (inOrder) {
      this.lateRun = 0;
    }
    const outcome = this.buffer.offer(sequence, frame, at.keep ? packet : null);
    if (outcome === 'duplicate') this.counters.duplicates++;
    else if (outcome === 'late') this.counters.late++;
    return outcome;
  }

  private resync(packet: RtpPacket, at: ArrivalContext): number {
    this.counters.resyncs++;
    this.lateRun = 0;
    return this.anchor(packet, at);
  }

  private anchor(packet: RtpPacket, at: ArrivalContext): number {
    this.anchored = true;
    this.anchorFrame = at.arrivalFrame;
    this.anchorTimestamp = packet.timestamp;
    return at.arrivalFrame;
  }
}
