import type { Clock, TimerHandle, Timers } from '@callwire/plugin-api';

interface Pending extends TimerHandle {
  readonly id: number;
  due: number;
  readonly every: number | undefined;
  readonly callback: () => void;
}

/**
 * A clock and timers that move only when a test says so: `advance(ms)` runs,
 * in time order, every timer that falls due meanwhile (each seeing `now()`
 * at its due time). Give it to the host or a plugin as both `clock` and
 * `timers`, and assert on what happened at a time instead of sleeping.
 */
export class ManualClock implements Clock, Timers {
  private time: number;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    return this.add(callback, ms, undefined);
  }

  setInterval(callback: () => void, ms: number): TimerHandle {
    return this.add(callback, ms, Math.max(1, ms));
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle !== undefined) this.pending.delete((handle as Pending).id);
  }

  clearInterval(handle: TimerHandle | undefined): void {
    this.clearTimeout(handle);
  }

  /** Timers not yet run (intervals count once). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Moves time on by `ms`, running each timer that falls due, in due order.
   * Awaits the microtasks after each, so promise chains a timer starts can
   * settle before the next one runs.
   */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (let next = this.earliest(until); next; next = this.earliest(until)) {
      this.time = Math.max(this.time, next.due);
      if (next.every === undefined) this.pending.delete(next.id);
      else next.due += next.every;
      next.callback();
      await settle();
    }
    this.time = until;
    await settle();
  }

  /** Sets the time (forward only) without running timers; for "the wall clock jumped". */
  set(ms: number): void {
    if (ms < this.time) throw new RangeError('ManualClock only moves forward');
    this.time = ms;
  }

  private add(callback: () => void, ms: number, every: number | undefined): TimerHandle {
    const timer: Pending = { id: this.nextId++, due: this.time + Math.max(0, ms), every, callback, unref: () => timer };
    this.pending.set(timer.id, timer);
    return timer;
  }

  private earliest(until: number): Pending | undefined {
    let first: Pending | undefined;
    for (const timer of this.pending.values()) {
      if (timer.due <= until && (!first || timer.due < first.due || (timer.due === first.due && timer.id < first.id))) first = timer;
    }
    return first;
  }
}

/** Lets pending promise callbacks run (a few turns of the microtask queue and one of the event loop). */
async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}
