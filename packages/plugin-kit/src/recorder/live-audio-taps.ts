import type { LiveAudioListener, LiveAudioStart, LiveAudioTap, Logger } from '@callwire/plugin-api';

/**
 * The live audio listeners of one recording (RecorderCore.liveAudio): the
 * recording feeds each piece of audio it writes to the file, and stops them
 * when it ends. A listener is someone else's code (a WebSocket client's
 * sender): one that throws is dropped and logged, and neither the recording
 * nor the other listeners notice. Frames are handed over as they are, not
 * copied; a recording with no listener should not even build them
 * (`size === 0`).
 */
export class LiveAudioTaps {
  private readonly listeners = new Set<LiveAudioListener>();
  private stopped: string | undefined;

  /** @param log where a failing listener is reported (once, as it is dropped); bind the recording to it */
  constructor(private readonly log?: Logger) {}

  /** Listeners being fed now. */
  get size(): number {
    return this.listeners.size;
  }

  /**
   * Adds a listener and calls its start() at once. After stop(), the
   * listener is started and stopped with the same reason straight away.
   */
  add(listener: LiveAudioListener, start: LiveAudioStart): LiveAudioTap {
    const tap: LiveAudioTap = { close: () => void this.listeners.delete(listener) };
    if (!this.call(listener, () => listener.start(start))) return tap;
    if (this.stopped !== undefined) {
      this.call(listener, () => listener.stop(this.stopped!));
      return tap;
    }
    this.listeners.add(listener);
    return tap;
  }

  /** Hands interleaved frames to every listener; they may not keep the array. */
  feed(frames: Int16Array): void {
    for (const listener of this.listeners) if (!this.call(listener, () => listener.audio(frames))) this.listeners.delete(listener);
  }

  /** The recording ended: every listener's stop(reason), then none is fed again. */
  stop(reason: string): void {
    if (this.stopped !== undefined) return;
    this.stopped = reason;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) this.call(listener, () => listener.stop(reason));
  }

  /** Runs one call into a listener; false (logged) when it threw. */
  private call(listener: LiveAudioListener, work: () => void): boolean {
    try {
      work();
      return true;
    } catch (err) {
      this.listeners.delete(listener);
      this.log?.warn({ err }, `a live audio listener failed and is dropped: ${(err as Error)?.message ?? String(err)}`);
      return false;
    }
  }
}
