/** Options of a {@link Backoff}, in milliseconds. */
export interface BackoffOptions {
  /** The first wait. */
  readonly initialMs: number;
  /** The longest wait; doubling stops here. */
  readonly maxMs: number;
}

/**
 * Capped exponential backoff: initialMs, 2×, 4×, … up to maxMs, then maxMs
 * for every further try; `reset()` after a success starts over.
 */
export class Backoff {
  private attempt = 0;

  constructor(private readonly options: BackoffOptions) {}

  /** The wait before the next try. */
  next(): number {
    const delay = Math.min(this.options.maxMs, this.options.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}
