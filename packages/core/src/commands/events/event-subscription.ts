import type { CallcopyEvent } from '../../events/callcopy-event.js';
import type { EventFilter } from '../../events/event-bus.js';

/**
 * One subscription as a client asked for it (EVENTS on the TCP port, or the
 * WebSocket `/events`): what the transport's stream starts with.
 */
export interface EventSubscriptionRequest {
  readonly filter: EventFilter;
  /** EVENTXREF: the subscription's id, carried by each of its events. */
  readonly xref: number;
  /** The calls in progress, sent first (SNAPSHOT); undefined = not asked for. */
  readonly snapshot?: readonly CallcopyEvent[];
  /** Resume: first the held events after this seq (SINCE). */
  readonly since?: number;
  /**
   * Send control messages (HEARTBEAT, SNAPSHOTEND, REPLAYGONE). Only a client
   * that asked for v2 or for a replay gets them: one that asked for neither
   * receives exactly the documents it always did, with SEQ and TIME appended.
   */
  readonly control: boolean;
}

/** Whether a subscription gets control messages: it asked for contract v2, or to resume. */
export function wantsControl(version: 1 | 2, since: number | undefined): boolean {
  return version === 2 || since !== undefined;
}

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
