import { performance } from 'node:perf_hooks';
import type { Logger, RecordingSink, RecordingStopped, TimerHandle, Timers } from '@callwire/plugin-api';

/** How often running recordings write their audio and check their limits. */
const TICK_MS = 20;
/** A tick this late means the event loop stalled: datagrams that queued meanwhile are read before anything is written. */
const STALL_MS = 3 * TICK_MS;
/** Finished recordings remembered (for a late stop or silence()), newest kept. */
const REMEMBER_FINISHED = 1000;

/** What a core's recording offers the runner. */
export interface TickedRecording {
  readonly startedAt: number;
  /** Writes what is due at monotonic `now`; returns why the recording should end by itself, if it should. */
  tick(now: number): string | undefined;
  /** The file frame of an engine time (ms since epoch). */
  frameOf(at: number): number;
  /** Ends the file at `totalFrames` and closes it; live listeners hear `reason`. */
  finish(totalFrames: number, reason: string): Promise<RecordingStopped>;
}

export interface RunningRecordingsDeps<R> {
  /** COREIDENT, for messages. */
  readonly coreIdent: number;
  readonly timers: Timers;
  readonly log: Logger;
  readonly sink: RecordingSink;
  /** The engine's time (ctx.clock.now). */
  readonly now: () => number;
  /** Runs as a stop begins, before the file is closed (a channel shows FinishRecording). */
  readonly stopping?: (key: string, recording: R) => void;
  /** Runs once a recording's file is closed (or failed to close: `stopped` undefined): give its channel back, count its packets. */
  readonly finished: (key: string, recording: R, stopped: RecordingStopped | undefined) => void | Promise<void>;
}

/**
 * A core's running recordings and their clock: one 20 ms tick writes every
 * recording's due audio (after a stall, one tick is skipped so the packets
 * that queued are read first); a recording that says it must end (silence,
 * time limit, write failure) is stopped and reported to the engine. A stop
 * is carried out once however often it is asked (the engine's stop and the
 * core's own may cross), and finished recordings are remembered for a late
 * stop or silence().
 */
export class RunningRecordings<R extends TickedRecording> {
  private readonly running = new Map<string, R>();
  private readonly finishing = new Map<string, Promise<RecordingStopped>>();
  private readonly done = new Map<string, { readonly stopped: RecordingStopped; readonly startedAt: number }>();
  private timer: TimerHandle | undefined;
  private lastTick = 0;
  private skippedTick = false;

  constructor(private readonly deps: RunningRecordingsDeps<R>) {}

  get size(): number {
    return this.running.size;
  }

  add(key: string, recording: R): void {
    this.running.set(key, recording);
    if (this.timer) return;
    this.lastTick = performance.now();
    this.timer = this.deps.timers.setInterval(() => this.tick(), TICK_MS);
  }

  get(key: string): R | undefined {
    return this.running.get(key);
  }

  /** @throws Error naming the key when it is not running */
  require(key: string): R {
    const recording = this.running.get(key);
    if (!recording) throw new Error(`recorder core ${this.deps.coreIdent} is not running recording ${key}`);
    return recording;
  }

  values(): IterableIterator<R> {
    return this.running.values();
  }

  entries(): IterableIterator<[string, R]> {
    return this.running.entries();
  }

  /** A recording that finished recently (for silence() after the stop), once its file is closed. */
  async finishedRecently(key: string): Promise<{ readonly stopped: RecordingStopped; readonly startedAt: number } | undefined> {
    await this.finishing.get(key)?.catch(() => undefined);
    return this.done.get(key);
  }

  /** Stops a recording at engine time `at`, once; `reason` is what its live listeners are told. */
  finish(key: string, at: number, reason = 'the recording stopped'): Promise<RecordingStopped> {
    const pending = this.finishing.get(key);
    if (pending) return pending;
    const recording = this.running.get(key);
    if (!recording) {
      const stopped = this.done.get(key)?.stopped;
      return stopped ? Promise.resolve(stopped) : Promise.reject(new Error(`recorder core ${this.deps.coreIdent} is not running recording ${key}`));
    }
    this.running.delete(key);
    if (this.running.size === 0) this.stopTicking();
    this.deps.stopping?.(key, recording);
    const work = recording.finish(recording.frameOf(at), reason).then(
      async (stopped) => {
        this.done.set(key, { stopped, startedAt: recording.startedAt });
        if (this.done.size > REMEMBER_FINISHED) this.done.delete(this.done.keys().next().value!);
        await this.deps.finished(key, recording, stopped);
        return stopped;
      },
      async (err: Error) => {
        this.deps.log.error({ err, recording: key }, 'the recording file could not be completed');
        await this.deps.finished(key, recording, undefined);
        throw err;
      },
    ).finally(() => this.finishing.delete(key));
    this.finishing.set(key, work);
    return work;
  }

  /** Ends a recording the core decided to end, and tells the engine. */
  async endByCore(key: string, reason: string): Promise<void> {
    try {
      const stopped = await this.finish(key, this.deps.now(), reason);
      this.deps.log.info({ recording: key, file: stopped.fileName, reason }, `recording ended by the core: ${reason}`);
      this.deps.sink.recordingEnded(key, stopped, reason);
    } catch (err) {
      this.deps.log.error({ err, recording: key }, 'a recording the core ended could not be closed');
    }
  }

  /** Ends every running recording (the core stops), each reported to the engine. */
  endAll(reason: string): Promise<void> {
    const keys = [...this.running.keys()];
    return Promise.all(keys.map((key) => this.endByCore(key, reason))).then(() => this.stopTicking());
  }

  private stopTicking(): void {
    this.deps.timers.clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = performance.now();
    const stalled = now - this.lastTick > STALL_MS;
    this.lastTick = now;
    // Timers run before I/O in an event-loop turn: after a stall, packets that
    // waited in the sockets are taken first, so they are not written off as
    // late. One turn only: a loop that is slow all the time must still write.
    if (stalled && !this.skippedTick) {
      this.skippedTick = true;
      return;
    }
    this.skippedTick = false;
    for (const [key, recording] of this.running) {
      let reason: string | undefined;
      try {
        reason = recording.tick(now);
      } catch (err) {
        this.deps.log.error({ err, recording: key }, 'a recording failed while writing');
        reason = `the recording failed: ${(err as Error).message}`;
      }
      if (reason) void this.endByCore(key, reason);
    }
  }
}
