import { tagOf } from './build-response.js';
import type { SipRequest } from './sip-message.js';
import { parseVia } from './via.js';

/** RFC 3261 §8.1.1.7: a branch starting with this was made by an RFC 3261 element and is unique. */
export const MAGIC_COOKIE = 'z9hG4bK';

/**
 * The server transaction a request belongs to (RFC 3261 §17.2.3): top Via
 * branch, sent-by and method (ACK matches its INVITE; CANCEL has its own).
 * Without the magic cookie, the RFC 2543 fallback: Call-ID, From tag, CSeq
 * number, the top Via as written and the method (the Request-URI and To tag
 * are left out so that an ACK, which carries our To tag, still matches).
 */
export function transactionKey(request: SipRequest, method = request.method === 'ACK' ? 'INVITE' : request.method): string {
  const top = request.headers.list('Via')[0] ?? '';
  const via = parseVia(top);
  const branch = via?.params.get('branch') ?? '';
  if (via && branch.startsWith(MAGIC_COOKIE)) return ['3261', branch, `${via.host}:${via.port ?? ''}`, method].join('|');
  return ['2543', request.headers.get('Call-ID'), tagOf(request.headers.get('From')), cseqNumber(request), top, method].join('|');
}

/** The key an ACK for a 2xx shares with its INVITE: it is a new transaction (RFC 3261 §17.1.1.3), matched by dialog and CSeq. */
export function ackKey(request: SipRequest): string {
  return [request.headers.get('Call-ID'), tagOf(request.headers.get('From')), cseqNumber(request)].join('|');
}

function cseqNumber(request: SipRequest): string {
  return (request.headers.get('CSeq') ?? '').trim().split(/\s+/)[0] ?? '';
}
