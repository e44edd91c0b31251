import type { TimerHandle, Timers } from '@callwire/plugin-api';

/**
 * Timers that run on other timers and remember what is pending, so their
 * owner can cancel it all at once: the host gives the engine one set (cancelled
 * when Callwire stops) and each plugin its own (cancelled when it stops).
 */
export class CancellableTimers implements Timers {
  private readonly pending = new Set<TimerHandle>();

  constructor(
    private readonly base: Timers,
    /** Runs each callback (a plugin's timers run theirs as the plugin's code, for fault attribution). */
    private readonly run: (work: () => void) => void = (work) => work(),
  ) {}

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const handle = this.base.setTimeout(() => {
      this.pending.delete(handle);
      this.run(callback);
    }, ms);
    this.pending.add(handle);
    return handle;
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle === undefined) return;
    this.pending.delete(handle);
    this.base.clearTimeout(handle);
  }

  setInterval(callback: () => void, ms: number): TimerHandle {
    const handle = this.base.setInterval(() => this.run(callback), ms);
    this.pending.add(handle);
    return handle;
  }

  clearInterval(handle: TimerHandle | undefined): void {
    if (handle === undefined) return;
    this.pending.delete(handle);
    this.base.clearInterval(handle);
  }

  /** Timers and intervals still pending. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Cancels every pending timer and interval. */
  cancelAll(): void {
    for (const handle of this.pending) this.base.clearInterval(handle);
    this.pending.clear();
  }
}
