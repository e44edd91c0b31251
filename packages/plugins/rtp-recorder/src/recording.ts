import type { LiveAudioListener, LiveAudioStart, LiveAudioTap, PluginContext, RecordingOrder, RecordingStopped } from '@callwire/plugin-api';
import {
  ALAW_TO_LINEAR,
  audioWindowSize,
  AudioWindow,
  MAX_AHEAD_MS,
  channelsOf,
  mixFrames,
  newPacketCounters,
  PAYLOAD_CN,
  PAYLOAD_PCMA,
  PAYLOAD_PCMU,
  RecordingTimeline,
  SsrcSides,
  ULAW_TO_LINEAR,
  type BufferedPacket,
  type MixMode,
  type PacketSource,
  type RtpPacket,
  type Side,
  type StreamItem,
  type WavWriter,
} from '@callwire/plugin-kit';

/** G.711 is 8000 frames a second: 8 per millisecond. */
export const SAMPLE_RATE = 8000;
const FRAMES_PER_MS = SAMPLE_RATE / 1000;

/** What a recording is made from. */
export interface RecordingSetup {
  readonly order: RecordingOrder;
  readonly writer: WavWriter;
  readonly mix: MixMode;
  readonly jitterMs: number;
  readonly silenceThreshold: number;
  /** Seconds of silence after which the recording ends itself; undefined or 0 = never. */
  readonly maxRecordSilence: number | undefined;
  /** Seconds after which the recording ends itself; undefined = never. */
  readonly maxRecordTime: number | undefined;
  readonly ssrcTakeoverMs: number;
  /** The monotonic clock (performance.now) reading that corresponds to `order.startedAt`. */
  readonly startMono: number;
  readonly log: PluginContext['log'];
}

/**
 * One recording on one channel: RTP in, WAV out. Frame 0 of the file is the
 * order's start and the file advances with wall time (the kit's
 * RecordingTimeline), so its length is always the recording's duration
 * whether audio came or not. Packets wait in their stream's jitter buffer
 * and are placed by timestamp into a window per side (SSRC latching: the
 * first SSRC is side A, the second side B); every tick the frames older
 * than the jitter delay are mixed and written. Pauses and silence() are the
 * timeline's; live audio listeners get exactly what the file gets.
 */
export class Recording {
  readonly counters = newPacketCounters();
  readonly key: string;
  readonly deviceId: string;
  readonly callInstance: string;
  private readonly sides: SsrcSides;
  private readonly windows: [AudioWindow | undefined, AudioWindow | undefined] = [undefined, undefined];
  private readonly windowFrames: number;
  private readonly timeline: RecordingTimeline;
  private readonly refused = new Set<number>();
  /** CALLID as the call's latest fields have it (CALLUPDATE may set it after the start). */
  callId: string;

  constructor(private readonly setup: RecordingSetup) {
    this.key = setup.order.key;
    this.deviceId = setup.order.deviceId;
    this.callInstance = setup.order.callInstance;
    this.sides = new SsrcSides(setup.ssrcTakeoverMs, this.counters);
    this.callId = setup.order.fields.callId;
    this.windowFrames = audioWindowSize(setup.jitterMs, SAMPLE_RATE);
    this.timeline = RecordingTimeline.forOrder(setup.order, { ...setup, channels: channelsOf(setup.mix), sampleRate: SAMPLE_RATE });
  }

  get fileName(): string {
    return this.setup.writer.path;
  }

  /** ms since epoch of the file's first frame. */
  get startedAt(): number {
    return this.setup.order.startedAt;
  }

  get isPaused(): boolean {
    return this.timeline.isPaused;
  }

  /** The file frame of an engine clock time (ms since epoch). */
  frameOf(at: number): number {
    return this.timeline.frameOf(at);
  }

  /** Takes one RTP packet that arrived at monotonic time `now`. */
  receive(packet: RtpPacket, from: PacketSource, now: number): void {
    if (packet.payloadType !== PAYLOAD_PCMU && packet.payloadType !== PAYLOAD_PCMA) {
      if (packet.payloadType === PAYLOAD_CN) this.counters.comfortNoise++;
      else this.counters.unknownPayload++;
      return;
    }
    const route = this.sides.route(packet.ssrc, from, now);
    if (route.kind === 'rejected') {
      this.counters.ssrcRejected++;
      if (!this.refused.has(packet.ssrc)) {
        this.refused.add(packet.ssrc);
        this.setup.log.warn({ recording: this.key, device: this.deviceId, ssrc: packet.ssrc, source: `${from.address}:${from.port}` }, 'a third RTP stream arrived while both sides are live; it is not recorded');
      }
      return;
    }
    if (route.kind === 'latched') {
      this.windows[route.side] = new AudioWindow(this.windowFrames);
      this.setup.log.debug({ recording: this.key, ssrc: packet.ssrc, source: route.stream.source, side: route.side === 0 ? 'A' : 'B' }, 'RTP stream latched');
    } else if (route.kind === 'takeover') {
      this.counters.ssrcTakeovers++;
      route.previous.buffer.releaseAll((p) => this.place(route.side, p));
      this.setup.log.info(
        { recording: this.key, device: this.deviceId, side: route.side === 0 ? 'A' : 'B', from: route.previous.ssrc, to: packet.ssrc, source: route.stream.source },
        'a new SSRC took over a side that had gone quiet',
      );
    }
    const { stream } = route;
    stream.lastArrival = now;
    const keep = !this.timeline.isPaused;
    if (!keep) this.counters.discardedWhilePaused++;
    stream.offer(packet, {
      arrivalFrame: this.timeline.frameAtMono(now),
      writtenFrame: this.timeline.written,
      maxAheadFrames: MAX_AHEAD_MS * FRAMES_PER_MS,
      keep,
    });
  }

  /**
   * Writes what is older than the jitter delay at monotonic time `now`.
   * Returns why the recording should end by itself, if it should.
   */
  tick(now: number): string | undefined {
    this.advance(this.timeline.frameAtMono(now) - this.setup.jitterMs * FRAMES_PER_MS);
    return this.timeline.endReason();
  }

  /** Starts writing silence from `frame` on, and drops audio arriving until resume. */
  pause(frame: number): Promise<void> {
    return this.timeline.pause(frame);
  }

  /** Ends the pause at `frame`. */
  resume(frame: number): void {
    this.timeline.resume(frame);
  }

  /** Makes frames [from, to) silent: the part already written is overwritten in the file, the rest is written as zeros when its time comes. */
  silence(from: number, to: number): Promise<void> {
    return this.timeline.silence(from, to);
  }

  /**
   * Hands this recording's audio to `listener` from the next frame written
   * on. The core does not know which party each stream is: both are
   * named without an address, and the stereo channels are side A and B.
   */
  listen(listener: LiveAudioListener): LiveAudioTap {
    return this.timeline.taps.add(listener, this.liveStart());
  }

  /**
   * Ends the file at `totalFrames` with whatever audio arrived, and closes
   * it; live listeners are stopped with `reason` once the last frame is theirs.
   */
  async finish(totalFrames: number, reason: string): Promise<RecordingStopped> {
    this.sides.streams.forEach((stream, side) => stream?.buffer.releaseAll((p) => this.place(side as Side, p)));
    const audioSize = await this.timeline.close(totalFrames, this.source, reason);
    return { fileName: this.fileName, durationMs: totalFrames / FRAMES_PER_MS, audioSize };
  }

  private liveStart(): LiveAudioStart {
    return {
      deviceId: this.deviceId,
      recording: this.key,
      callId: this.callId,
      participants: [{ name: '', aor: '', role: 'farEnd' }, { name: '', aor: '', role: 'device' }],
      sampleRate: SAMPLE_RATE,
      channels: this.setup.mix === 'mono' ? ['mix'] : ['sideA', 'sideB'],
    };
  }

  private advance(target: number): void {
    if (target <= this.timeline.written) return;
    const [a, b] = this.sides.streams;
    a?.buffer.release(target, (p) => this.place(0, p));
    b?.buffer.release(target, (p) => this.place(1, p));
    this.timeline.advance(target, this.source);
  }

  /** The file's frames: the sides' windows mixed as the file stores them. */
  private readonly source = (from: number, count: number, out: Int16Array): void => mixFrames(this.setup.mix, this.windows, from, count, out);

  private place(side: Side, packet: BufferedPacket<StreamItem>): void {
    const rtp = packet.item;
    if (!rtp) return;
    const table = rtp.payloadType === PAYLOAD_PCMA ? ALAW_TO_LINEAR : ULAW_TO_LINEAR;
    this.windows[side]?.put(packet.position, rtp.payload, table, this.timeline.written);
  }
}
