/** How long to wait between reconnection attempts, in milliseconds. */
export interface BackoffOptions {
  /** The first wait. */
  readonly initialMs: number;
  /** No wait is longer than this. */
  readonly maxMs: number;
  /** Up to this share of each wait is taken off at random (default 0.2), so plugins that lost the same peer do not all return at once. */
  readonly jitter?: number;
}

/**
 * Capped exponential backoff for plugins that reconnect to a PBX, a bridge
 * or a serial port: initialMs, 2×, 4×, … up to maxMs; `reset()` after a
 * connection that worked starts over.
 */
export class Backoff {
  private attempt = 0;

  constructor(private readonly options: BackoffOptions) {}

  /** The wait before the next attempt (and counts the attempt). */
  next(): number {
    const base = Math.min(this.options.maxMs, this.options.initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(base * (1 - (this.options.jitter ?? 0.2) * Math.random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}
