import type { SipHeaders } from './sip-headers.js';

/**
 * A SIP message (or a body part of one) that cannot be read: the message
 * says what was wrong. When the header section was readable, `headers` holds
 * what was parsed, so a UAS can still answer 400 (RFC 3261 §21.4.1).
 */
export class SipParseError extends Error {
  override readonly name = 'SipParseError';

  constructor(
    message: string,
    readonly headers?: SipHeaders,
  ) {
    super(message);
  }
}
