/**
 * A request the SRS answers with an error status rather than a session: the
 * status and a one-line reason (the response's reason phrase), and any
 * headers the status calls for (Accept on 415, Retry-After on 503).
 */
export class SiprecRefusal extends Error {
  override readonly name = 'SiprecRefusal';

  constructor(
    readonly status: number,
    message: string,
    readonly headers: readonly (readonly [string, string])[] = [],
  ) {
    super(message);
  }
}
