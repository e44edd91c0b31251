import type { PluginContext, RecordingOrder, RecordingStopped } from '@callwire/plugin-api';
import {
  audioWindowSize,
  AudioWindow,
  MAX_AHEAD_MS,
  channelsOf,
  mixFrames,
  MediaStream,
  newPacketCounters,
  RecordingTimeline,
  type BufferedPacket,
  type MixMode,
  type PacketSource,
  type RtpPacket,
  type StreamItem,
  type WavWriter,
} from '@callwire/plugin-kit';
import { MIXED, type MediaLeg, type PartySide } from './media-leg.js';
import { decoderFor, type PayloadDecoder } from './payload-decoder.js';


export interface PartyRecordingSetup {
  readonly order: RecordingOrder;
  readonly writer: WavWriter;
  readonly mix: MixMode;
  readonly sampleRate: 8000 | 16000;
  readonly jitterMs: number;
  readonly silenceThreshold: number;
  readonly maxRecordSilence: number | undefined;
  readonly maxRecordTime: number | undefined;
  /** The monotonic clock reading that corresponds to `order.startedAt`. */
  readonly startMono: number;
  readonly log: PluginContext['log'];
}

/** One leg's stream as this recording places it: the current SSRC's MediaStream and its decoder. */
interface LegStream {
  readonly leg: MediaLeg;
  readonly stream: MediaStream;
  readonly decoder: PayloadDecoder;
}

/**
 * One recording of a SIPREC session: the parties' legs in, one WAV out,
 * the far end on the left channel and our device on the right (or both
 * summed, mono). Every leg is its own RTP stream on its own port, so a
 * packet's party is known from the port it came to; within a leg a new
 * SSRC (the SRC re-INVITEd) starts a new stream in place of the old one.
 * Packets wait in their stream's jitter buffer and are placed by
 * timestamp; the timeline writes the file with wall time.
 */
export class PartyRecording {
  readonly counters = newPacketCounters();
  readonly key: string;
  readonly deviceId: string;
  readonly timeline: RecordingTimeline;
  private readonly windows: [AudioWindow, AudioWindow];
  private readonly legs = new Map<string, LegStream>();
  private readonly framesPerMs: number;

  constructor(private readonly setup: PartyRecordingSetup) {
    this.key = setup.order.key;
    this.deviceId = setup.order.deviceId;
    this.framesPerMs = setup.sampleRate / 1000;
    const size = audioWindowSize(setup.jitterMs, setup.sampleRate);
    this.windows = [new AudioWindow(size), new AudioWindow(size)];
    this.timeline = RecordingTimeline.forOrder(setup.order, { ...setup, channels: channelsOf(setup.mix) });
  }

  get fileName(): string {
    return this.setup.writer.path;
  }

  get startedAt(): number {
    return this.setup.order.startedAt;
  }

  get sampleRate(): number {
    return this.setup.sampleRate;
  }

  /** Takes one audio packet of `leg` (its payload type already checked) arriving at monotonic `now`. */
  receive(leg: MediaLeg, packet: RtpPacket, from: PacketSource, now: number): void {
    let current = this.legs.get(leg.key);
    if (!current || current.stream.ssrc !== packet.ssrc || current.leg.codec !== leg.codec) {
      if (current) {
        current.stream.buffer.releaseAll((p) => this.place(current!, p));
        this.setup.log.debug({ recording: this.key, leg: leg.label, from: current.stream.ssrc, to: packet.ssrc }, 'a leg started a new RTP stream');
      }
      const decoder = decoderFor(leg.codec, this.setup.sampleRate);
      current = { leg, decoder, stream: new MediaStream(packet.ssrc, `${from.address}:${from.port}`, now, this.counters, decoder.framesPerTick) };
      this.legs.set(leg.key, current);
    }
    current.stream.lastArrival = now;
    const keep = !this.timeline.isPaused;
    if (!keep) this.counters.discardedWhilePaused++;
    current.stream.offer(packet, {
      arrivalFrame: this.timeline.frameAtMono(now),
      writtenFrame: this.timeline.written,
      maxAheadFrames: MAX_AHEAD_MS * this.framesPerMs,
      keep,
    });
  }

  /** Writes what is older than the jitter delay at monotonic `now`; returns why the recording should end, if it should. */
  tick(now: number): string | undefined {
    this.advance(this.timeline.frameAtMono(now) - this.setup.jitterMs * this.framesPerMs);
    return this.timeline.endReason();
  }

  frameOf(at: number): number {
    return this.timeline.frameOf(at);
  }

  /** Ends the file at `totalFrames` with whatever audio arrived, and closes it; live listeners hear `reason`. */
  async finish(totalFrames: number, reason: string): Promise<RecordingStopped> {
    for (const current of this.legs.values()) current.stream.buffer.releaseAll((p) => this.place(current, p));
    const audioSize = await this.timeline.close(totalFrames, this.source, reason);
    return { fileName: this.fileName, durationMs: totalFrames / this.framesPerMs, audioSize };
  }

  private advance(target: number): void {
    if (target <= this.timeline.written) return;
    for (const current of this.legs.values()) current.stream.buffer.release(target, (p) => this.place(current, p));
    this.timeline.advance(target, this.source);
  }

  /** The file's frames: the parties' windows mixed as the file stores them. */
  private readonly source = (from: number, count: number, out: Int16Array): void => mixFrames(this.setup.mix, this.windows, from, count, out);

  private place(current: LegStream, packet: BufferedPacket<StreamItem>): void {
    const rtp = packet.item;
    if (!rtp) return;
    const side: PartySide = current.leg.side;
    const samples = current.decoder.decode(rtp.payload);
    // A mixed stream is heard on both channels of a stereo file; summed once into a mono one.
    const both = side === MIXED && this.setup.mix === 'stereo';
    this.windows[side === MIXED ? 0 : side].addPcm(packet.position, samples, this.timeline.written);
    if (both) this.windows[1].addPcm(packet.position, samples, this.timeline.written);
  }
}
