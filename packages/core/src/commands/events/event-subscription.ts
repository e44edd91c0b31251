import type { EventFilter } from '../../events/event-bus.js';

/** The EVENTCLASS values a subscriber may ask for, as the manual's Request Command lists them. */
export const EVENT_CLASSES: readonly EventFilter['eventClass'][] = ['ALL', 'CALL', 'RECORD'];

/**
 * EVENTCLASS as a client sent it (any casing, surrounding blanks ignored);
 * undefined when it is missing or not one of ALL, CALL, RECORD. Shared by the
 * EVENTS function and the WebSocket `/events?class=`, so both doors accept
 * the same words.
 */
export function parseEventClass(sent: string | undefined): EventFilter['eventClass'] | undefined {
  const upper = sent?.trim().toUpperCase();
  return EVENT_CLASSES.find((allowed) => allowed === upper);
}

/** The RESULTMSG (or HTTP reason) for an EVENTCLASS that `parseEventClass` refused. */
export function eventClassProblem(sent: string | undefined): string {
  const allowed = 'use ALL, CALL or RECORD';
  return sent === undefined || sent.trim() === '' ? `no EVENTCLASS was sent; ${allowed}` : `EVENTCLASS ${sent.trim()} is not valid; ${allowed}`;
}

/**
 * EVENTVALUE: one DEVICEID or a comma list of them. Items are trimmed and
 * blank items skipped (clients build these lists by joining, and a trailing
 * comma is common); an empty list means every device, as in the manual's
 * example where EVENTVALUE is sent empty.
 */
export function parseDeviceIds(sent: string | undefined): ReadonlySet<string> | undefined {
  const ids = (sent ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
  return ids.length === 0 ? undefined : new Set(ids);
}
