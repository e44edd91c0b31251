import { randomBytes } from 'node:crypto';
import { buildResponse } from './build-response.js';
import type { SipResponse } from './sip-message.js';
import type { SipParseError } from './sip-parse-error.js';

const NEEDED = ['Via', 'From', 'To', 'Call-ID', 'CSeq'];

/**
 * The 400 for a request the parser rejected (RFC 3261 §8.2.6), with the
 * parse error as its reason phrase; undefined when the headers a response
 * copies (Via, From, To, Call-ID, CSeq) were not readable, or the message was
 * a response or an ACK (neither is answered).
 */
export function badRequestFor(error: SipParseError): SipResponse | undefined {
  const headers = error.headers;
  if (!headers || NEEDED.some((name) => !headers.get(name))) return undefined;
  const method = (headers.get('CSeq') ?? '').trim().split(/\s+/)[1]?.toUpperCase() ?? '';
  if (method === 'ACK') return undefined;
  const request = { kind: 'request', method, uri: 'sip:invalid', version: 'SIP/2.0', headers, body: Buffer.alloc(0) } as const;
  return buildResponse(request, 400, { reason: `Bad Request (${error.message.replace(/[\r\n]/g, ' ')})`, toTag: randomBytes(6).toString('hex') });
}

/**
 * A bare 400 for a stream peer whose bytes held no readable headers: not a
 * valid response to anything, but it tells the peer why its connection is
 * about to be closed.
 */
export function bareBadRequest(error: SipParseError): Buffer {
  return Buffer.from(`SIP/2.0 400 Bad Request (${error.message.replace(/[\r\n]/g, ' ')})\r\nContent-Length: 0\r\n\r\n`);
}
