import type { Logger, RecordingOrder } from '@callwire/plugin-api';
import { LiveAudioTaps } from '../live-audio-taps.js';
import type { WavWriter } from '../wav-writer.js';
import { SilenceDetector } from '../rtp/silence-detector.js';

/** Frames written per step. */
const PIECE_FRAMES = 4096;

/** What a recording's timeline is made from. */
export interface TimelineSetup {
  readonly writer: WavWriter;
  /** Channels of the file (1 mono, 2 stereo). */
  readonly channels: number;
  /** Frames a second of the file. */
  readonly sampleRate: number;
  /** ms since epoch of the file's first frame (the order's start). */
  readonly startedAt: number;
  /** The monotonic clock (performance.now) reading that corresponds to `startedAt`. */
  readonly startMono: number;
  readonly silenceThreshold: number;
  /** Seconds of silence after which the recording should end itself; undefined or 0 = never. */
  readonly maxRecordSilence: number | undefined;
  /** Seconds after which the recording should end itself; undefined = never. */
  readonly maxRecordTime: number | undefined;
  /** Start silent (an agent blackout, a hold in force) until resume(). */
  readonly startPaused?: boolean;
  /** Where a failing live audio listener is reported. */
  readonly log?: Logger;
}

/** What a timeline for a recording order needs besides the order. */
export type OrderTimelineSetup = Omit<TimelineSetup, 'startedAt' | 'startPaused' | 'log'> & { readonly log: Logger };

/** Fills `out` with `count` interleaved frames from file frame `from` on: the recording's audio. */
export type FrameSource = (from: number, count: number, out: Int16Array) => void;

/** A span of frames [from, to) the file must carry as silence (a pause, a blackout). */
interface SilentSpan {
  readonly from: number;
  to: number;
}

/**
 * The timeline of one recording, however its audio arrives: frame 0 is the
 * order's start and the file advances with wall time, so its length is
 * always the recording's duration whether audio came or not. The recording
 * tells it how far to write; it takes the frames from the recording's
 * source, zeroes the ones in a pause or a blackout (spans reach back over
 * what is written already), watches for silence and the time limit, and
 * hands each piece to the file and to its live audio listeners — exactly
 * what the file gets, a blackout's zeros included.
 */
export class RecordingTimeline {
  private readonly spans: SilentSpan[] = [];
  private paused: SilentSpan | undefined;
  private readonly detector: SilenceDetector;
  private readonly scratch: Int16Array;
  private readonly framesPerMs: number;
  /** Frames handed to the writer: the file's write head. */
  private head = 0;
  /** The live audio listeners (RecorderCore.liveAudio); stopped when the file is closed. */
  readonly taps: LiveAudioTaps;

  constructor(private readonly setup: TimelineSetup) {
    this.framesPerMs = setup.sampleRate / 1000;
    this.detector = new SilenceDetector(setup.silenceThreshold, Math.round(setup.sampleRate / 50));
    this.scratch = new Int16Array(PIECE_FRAMES * setup.channels);
    this.taps = new LiveAudioTaps(setup.log);
    if (setup.startPaused) void this.pause(0);
  }

  /** The timeline of the recording `order` asks for: frame 0 at its start, paused from the start when it says so (an agent blackout in force), failing listeners logged with its key and device. */
  static forOrder(order: RecordingOrder, setup: OrderTimelineSetup): RecordingTimeline {
    return new RecordingTimeline({
      ...setup,
      startedAt: order.startedAt,
      startPaused: order.startPaused,
      log: setup.log.child({ recording: order.key, device: order.deviceId }),
    });
  }

  get writer(): WavWriter {
    return this.setup.writer;
  }

  /** Frames written so far. */
  get written(): number {
    return this.head;
  }

  get isPaused(): boolean {
    return this.paused !== undefined;
  }

  /** The file frame of an engine clock time (ms since epoch). */
  frameOf(at: number): number {
    return Math.max(0, Math.round((at - this.setup.startedAt) * this.framesPerMs));
  }

  /** The file frame at monotonic time `now` (performance.now). */
  frameAtMono(now: number): number {
    return Math.floor((now - this.setup.startMono) * this.framesPerMs);
  }

  /** Writes frames up to `target` (exclusive), taken from `source`. */
  advance(target: number, source: FrameSource): void {
    const { channels } = this.setup;
    while (this.head < target) {
      const count = Math.min(target - this.head, PIECE_FRAMES);
      const out = this.scratch.subarray(0, count * channels);
      source(this.head, count, out);
      this.silenceSpans(out, count);
      this.detector.feed(out, channels, count, this.head);
      this.setup.writer.append(out);
      if (this.taps.size > 0) this.taps.feed(out);
      this.head += count;
    }
    for (let i = this.spans.length - 1; i >= 0; i--) if (this.spans[i]!.to <= this.head) this.spans.splice(i, 1);
  }

  /** Starts writing silence from `frame` on (what is written past it already is overwritten). */
  pause(frame: number): Promise<void> {
    if (this.paused) return Promise.resolve();
    this.paused = { from: frame, to: Number.POSITIVE_INFINITY };
    this.spans.push(this.paused);
    return this.setup.writer.silence(frame, this.head);
  }

  /** Ends the pause at `frame`. */
  resume(frame: number): void {
    if (!this.paused) return;
    this.paused.to = Math.max(frame, this.paused.from);
    this.paused = undefined;
  }

  /** Makes frames [from, to) silent: the part written is overwritten in the file, the rest is zeroed when its time comes. */
  silence(from: number, to: number): Promise<void> {
    if (to <= from) return Promise.resolve();
    if (to > this.head) this.spans.push({ from: Math.max(from, this.head), to });
    return this.setup.writer.silence(from, Math.min(to, this.head));
  }

  /** Why the recording should end by itself now, if it should. */
  endReason(): string | undefined {
    const { writer, maxRecordSilence, maxRecordTime, sampleRate } = this.setup;
    if (writer.failure) return `the recording file could not be written: ${writer.failure.message}`;
    if (maxRecordSilence && this.head - this.detector.lastSound >= maxRecordSilence * sampleRate) return 'MAXRECORDSILENCE reached';
    if (maxRecordTime && this.head >= maxRecordTime * sampleRate) return 'MAXRECORDTIME reached';
    return undefined;
  }

  /**
   * Writes up to `totalFrames` from `source`, stops the live listeners with
   * `reason` (the last frame was theirs), ends the file at exactly
   * `totalFrames` and closes it; returns the file's size in bytes.
   */
  close(totalFrames: number, source: FrameSource, reason: string): Promise<number> {
    try {
      this.advance(totalFrames, source);
    } finally {
      this.taps.stop(reason);
    }
    return this.setup.writer.close(totalFrames);
  }

  /** Zeroes the frames of `out` (starting at the write head) that fall in a silent span. */
  private silenceSpans(out: Int16Array, count: number): void {
    const start = this.head;
    const { channels } = this.setup;
    for (const span of this.spans) {
      const from = Math.max(span.from, start);
      const to = Math.min(span.to, start + count);
      if (from >= to) continue;
      out.fill(0, (from - start) * channels, (to - start) * channels);
      // Deliberate silence is not a dead line: MAXRECORDSILENCE does not count it.
      this.detector.markSound(to);
    }
  }
}
