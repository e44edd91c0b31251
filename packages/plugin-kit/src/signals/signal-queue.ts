import type { Logger } from '@callwire/plugin-api';

/** What a {@link SignalQueue} needs. */
export interface SignalQueueOptions {
  /** Where a failed signal and a full queue are logged. */
  readonly log: Logger;
  /** Signals that may wait at once (default 10 000); one more is refused. */
  readonly limit?: number;
}

/**
 * Applies a PBX's signals one at a time, in the order they arrived: each
 * starts when the one before has settled, so a stop never overtakes its
 * start. A signal that fails (rejects or throws) is logged with its
 * description and the next one runs — one bad signal never stops the feed.
 *
 * It is bounded: while `limit` signals wait, `push` refuses the next one
 * (returns false, and it is never applied). The first refusal is logged
 * as a warning, and how many were refused when there is room again, so a
 * PBX flooding a slow host costs memory up to the limit and is visible in
 * the log; the caller decides whether to answer the refusal (a push
 * adapter: API_COMMAND_QUEUE_FULL) or record it (SMDR: the rejects file).
 */
export class SignalQueue {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;
  private refused = 0;
  private readonly limit: number;

  constructor(private readonly options: SignalQueueOptions) {
    this.limit = options.limit ?? 10_000;
  }

  /** Signals queued and not yet settled (the one running included). */
  get size(): number {
    return this.waiting;
  }

  /**
   * Queues `apply` after every signal pushed before it; `what` names it in
   * the log (`callstart 201`). False when the queue is full: it was not queued.
   */
  push(what: string, apply: () => unknown): boolean {
    if (this.waiting >= this.limit) {
      if (this.refused++ === 0) this.options.log.warn(`${this.limit} signals are waiting: refused ${what} and every one after it until there is room`);
      return false;
    }
    if (this.refused > 0) {
      this.options.log.warn(`room again for signals: ${this.refused} were refused meanwhile`);
      this.refused = 0;
    }
    this.waiting++;
    this.tail = this.tail.then(() => this.run(what, apply));
    return true;
  }

  /** Resolves once every signal pushed so far has settled (for stop()). */
  drain(): Promise<void> {
    return this.tail;
  }

  private async run(what: string, apply: () => unknown): Promise<void> {
    try {
      await apply();
    } catch (err) {
      this.options.log.error({ err }, `${what} failed: ${(err as Error)?.message ?? String(err)}`);
    } finally {
      this.waiting--;
    }
  }
}
