/** Why an SDP offer cannot be answered: the caller answers the request 488 Not Acceptable Here. */
export type SdpProblem = 'unparseable' | 'no-audio' | 'no-codec';

/** An offer the SRS cannot answer, with a one-line message naming what was wrong. */
export class SdpError extends Error {
  override readonly name = 'SdpError';

  constructor(
    readonly problem: SdpProblem,
    message: string,
  ) {
    super(message);
  }
}
