import { parseParams, type SipRequest } from '../sip/index.js';

/** The smallest session interval the SRS accepts (RFC 4028 §4: at least 90 s). */
export const MIN_SE = 90;

/** What an SRC's request asks of session timers (RFC 4028). */
export type SessionTimerRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'too-small'; readonly asked: number }
  | { readonly kind: 'timer'; readonly expires: number; readonly required: boolean };

/**
 * Reads Session-Expires (compact `x`) and Supported: timer of an INVITE or
 * UPDATE. The SRS never refreshes (it sends no re-INVITE): it always makes
 * the SRC the refresher, and ends a dialog that is not refreshed in time.
 */
export function readSessionTimer(request: SipRequest, granted: number): SessionTimerRequest {
  const header = request.headers.get('Session-Expires') ?? request.headers.get('x');
  if (header === undefined) return { kind: 'none' };
  const asked = Number.parseInt(parseParams(header).value, 10);
  if (!Number.isFinite(asked) || asked <= 0) return { kind: 'none' };
  if (asked < MIN_SE) return { kind: 'too-small', asked };
  const supported = request.headers.list('Supported').some((s) => s.trim().toLowerCase() === 'timer');
  return { kind: 'timer', expires: Math.max(MIN_SE, Math.min(asked, granted)), required: supported };
}

/** The headers of a 2xx that grants a session timer. */
export function sessionTimerHeaders(timer: SessionTimerRequest): [string, string][] {
  if (timer.kind !== 'timer') return [];
  return [['Session-Expires', `${timer.expires};refresher=uac`], ...(timer.required ? [['Require', 'timer'] as [string, string]] : [])];
}

/** When a dialog not refreshed is ended: before the interval runs out (RFC 4028 §10: minus the lesser of 32 s and a third). */
export function expiryMs(expires: number): number {
  return (expires - Math.min(32, expires / 3)) * 1000;
}
