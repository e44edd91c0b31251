/** Where the engine and plugins read the time, so tests and replays can drive it. */
export interface Clock {
  /** Milliseconds since the UNIX epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A pending timer, as `Timers` hands it out. */
export interface TimerHandle {
  /** Lets the process exit while the timer is pending (like `Timeout.unref()`). */
  unref?(): unknown;
}

/**
 * setTimeout and setInterval behind an interface: the host gives each plugin
 * its own (and cancels whatever is pending when the plugin stops), and tests
 * drive them with a manual clock instead of sleeping.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
  setInterval(callback: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle | undefined): void;
}

/** Node's own timers. */
export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout | undefined),
};
