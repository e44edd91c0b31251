/** Where the engine reads the time, so tests and replays can drive it. */
export interface Clock {
  /** Milliseconds since the UNIX epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };
