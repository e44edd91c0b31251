import type { LinkAttempt } from './reconnecting-link.js';

/**
 * The one ending of a connection attempt, whichever comes first — an
 * error, the peer closing, a missed heartbeat, the link stopping (the
 * attempt's signal): before the connection was up it rejects the attempt
 * (`reject`, the connect promise's), after it reports the loss to the link.
 * Either way `release` (clear the heartbeat, destroy the socket) runs once.
 * What a `connect` factory would otherwise write by hand for each transport.
 */
export class AttemptEnding {
  private up = false;
  private over = false;

  constructor(
    private readonly attempt: LinkAttempt,
    private readonly reject: (err: Error) => void,
    private readonly release: () => void,
  ) {
    attempt.signal.addEventListener('abort', this.abandon, { once: true });
    if (attempt.signal.aborted) this.abandon();
  }

  /** True once it ended: nothing more should be handed on from this connection. */
  get ended(): boolean {
    return this.over;
  }

  /** The connection is up (its promise resolved): an ending from now on is a loss. */
  opened(): void {
    this.up = true;
  }

  /** Ends the attempt or the connection, saying why; calls after the first do nothing. */
  readonly end = (reason: string): void => {
    if (this.over) return;
    this.over = true;
    this.attempt.signal.removeEventListener('abort', this.abandon);
    this.release();
    if (this.up) this.attempt.lost(reason);
    else this.reject(new Error(reason));
  };

  private readonly abandon = (): void => this.end('closed by Callwire');
}
