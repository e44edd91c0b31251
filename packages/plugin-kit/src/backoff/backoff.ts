/** How long to wait between reconnection attempts, in milliseconds. */
export interface BackoffOptions {
  /** The first wait. */
  readonly initialMs: number;
  /** No wait is longer than this. */
  readonly maxMs: number;
  /**
   * Up to this share of each wait is taken off at random (default 0.2), so
   * plugins that lost the same peer do not all come back at the same moment.
   */
  readonly jitter?: number;
  /** A number in [0, 1): Math.random unless a test fixes it. */
  readonly random?: () => number;
}

/**
 * Capped exponential backoff: initialMs, 2×, 4×, … up to maxMs, each less up
 * to `jitter` of it; `reset()` after a connection that worked starts over.
 */
export class Backoff {
  private attempt = 0;

  constructor(private readonly options: BackoffOptions) {}

  /** The wait before the next attempt (and counts the attempt). */
  next(): number {
    const { initialMs, maxMs, jitter = 0.2, random = Math.random } = this.options;
    const base = Math.min(maxMs, initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(base * (1 - jitter * random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}
