import { decodeAvayaUcid } from './avaya-ucid.js';
import { parseNameAddr } from './name-addr.js';
import type { CallIds } from './recording-session.js';
import { headerValue, type SipHeaders } from './sip-headers.js';

/**
 * Correlation ids the SIP headers carry: Call-ID; Avaya UCID in User-to-User
 * (see avaya-ucid.ts); Cisco-Guid; RFC 7989 Session-ID (its local uuid); Cisco
 * CUCM call references in the From URI (x-refci, x-farendrefci).
 */
export function headerCallIds(headers: SipHeaders): CallIds {
  const userToUser = headerValue(headers, 'user-to-user');
  const from = headerValue(headers, 'from');
  const fromUri = from ? parseNameAddr(from).uriParams : new Map<string, string>();
  return {
    callId: headerValue(headers, 'call-id'),
    ucid: userToUser ? decodeAvayaUcid(userToUser) : undefined,
    ciscoGuid: headerValue(headers, 'cisco-guid'),
    sipSessionId: headerValue(headers, 'session-id')?.split(';')[0]?.trim(),
    refci: fromUri.get('x-refci') || undefined,
    farEndRefci: fromUri.get('x-farendrefci') || undefined,
  };
}
