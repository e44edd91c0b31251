import { isIPv6 } from 'node:net';

/** An o= line of the SRS's answers. */
export interface AnswerOriginLine {
  readonly username: string;
  readonly sessionId: string;
  readonly version: number;
  readonly address: string;
}

/**
 * The SRS's o= line in one dialog. The session id stays; the version goes
 * up by one with every new answer, as RFC 3264 §8 asks of a description
 * that is sent again within the dialog.
 */
export class AnswerOrigin {
  private version: number;

  /** @param sessionId NTP-style number, unique enough per dialog (e.g. the clock's seconds) */
  constructor(
    readonly address: string,
    readonly sessionId: string,
    readonly username = 'callwire',
  ) {
    this.version = Number(sessionId) || 1;
  }

  /** The o= line of the next answer (the first answer's version equals the session id). */
  next(): AnswerOriginLine {
    const line = { username: this.username, sessionId: this.sessionId, version: this.version, address: this.address };
    this.version++;
    return line;
  }
}

/** The SDP address type of an address: IP6 or IP4. */
export function ipVersionOf(address: string): 4 | 6 {
  return isIPv6(address) ? 6 : 4;
}
