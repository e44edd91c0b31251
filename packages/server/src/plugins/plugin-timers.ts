import type { TimerHandle, Timers } from '@callwire/plugin-api';

/**
 * One plugin's timers: they run on the host's timers, and whatever is still
 * pending when the plugin stops or fails is cancelled by `cancelAll`.
 */
export class PluginTimers implements Timers {
  private readonly pending = new Set<TimerHandle>();

  constructor(
    private readonly base: Timers,
    /** Runs a callback as the plugin's code (for fault attribution). */
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

  /** Cancels every pending timer and interval. */
  cancelAll(): void {
    for (const handle of this.pending) this.base.clearInterval(handle);
    this.pending.clear();
  }
}
