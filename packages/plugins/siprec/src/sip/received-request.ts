import { SipParseError } from './sip-parse-error.js';
import { SipHeaders } from './sip-headers.js';
import type { SipMessage } from './sip-message.js';
import { headerKey } from './header-names.js';
import { splitOutsideQuotes } from './split-list.js';
import { stampVia } from './via.js';

/** The headers with their top Via stamped with received/rport for the datagram's source (RFC 3261 §18.2.1, RFC 3581). */
export function stampTopVia(headers: SipHeaders, source: { address: string; port: number }): SipHeaders {
  const fields = [...headers.entries()];
  const at = fields.findIndex((f) => headerKey(f.name) === 'via');
  if (at === -1) return headers;
  const [top = '', ...rest] = splitOutsideQuotes(fields[at]!.value, ',');
  fields[at] = { name: fields[at]!.name, value: [stampVia(top, source), ...rest].join(', ') };
  return new SipHeaders(fields);
}

/** A received message with its top Via stamped (responses left as they are). */
export function stampMessage(message: SipMessage, source: { address: string; port: number }): SipMessage {
  return message.kind === 'request' ? { ...message, headers: stampTopVia(message.headers, source) } : message;
}

/** A parse error whose readable headers get the same stamp, so the 400 goes where a response would. */
export function stampError(error: SipParseError, source: { address: string; port: number }): SipParseError {
  return error.headers ? new SipParseError(error.message, stampTopVia(error.headers, source)) : error;
}
