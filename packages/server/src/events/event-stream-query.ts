import { parseDeviceIds, parseEventClass, type EventFilter } from '@callwire/core';
import { queryParams, shownValue as shown } from '../web/query-params.js';

/** What a WebSocket client asked for in `/events?class=…&value=…&format=…&snapshot=…&v=…&since=…`. */
export interface EventStreamRequest {
  readonly filter: EventFilter;
  /** `xml`: CALLCOPYEVENT documents as the TCP event proxy sends them; `json`: one object per event. */
  readonly format: 'xml' | 'json';
  /** Send the calls in progress first. */
  readonly snapshot: boolean;
  /** The event contract: 1 (today's shapes with SEQ and TIME) or 2 (JSON v2, and control messages). */
  readonly version: 1 | 2;
  /** Resume after this seq. */
  readonly since?: number;
}

/** A query the endpoint refuses, with the one-line reason sent back. */
export interface EventStreamQueryError {
  readonly error: string;
}

const FORMATS = ['xml', 'json'] as const;
const YES = new Set(['1', 'TRUE', 'Y', 'YES']);
const NO = new Set(['', '0', 'FALSE', 'N', 'NO']);

/**
 * Reads the query of a WebSocket `/events` upgrade. Names and values are read
 * in any casing, as the WebAPI's are. `class` (ALL, CALL, RECORD; default
 * ALL) and `value` (DEVICEID comma list) mean what EVENTCLASS and EVENTVALUE
 * mean to the EVENTS function.
 */
export function parseEventStreamQuery(query: URLSearchParams): EventStreamRequest | EventStreamQueryError {
  const params = queryParams(query);

  const sentClass = params.get('class') || 'ALL';
  const eventClass = parseEventClass(sentClass);
  if (!eventClass) return { error: `class=${shown(sentClass)} is not valid; use ALL, CALL or RECORD` };

  const sentFormat = (params.get('format') || 'xml').toLowerCase();
  const format = FORMATS.find((f) => f === sentFormat);
  if (!format) return { error: `format=${shown(sentFormat)} is not valid; use xml or json` };

  const sentSnapshot = (params.get('snapshot') ?? '').toUpperCase();
  if (!YES.has(sentSnapshot) && !NO.has(sentSnapshot)) return { error: `snapshot=${shown(sentSnapshot)} is not valid; use 1 or 0` };

  const sentVersion = params.get('v') || '1';
  if (sentVersion !== '1' && sentVersion !== '2') return { error: `v=${shown(sentVersion)} is not valid; use 1 or 2` };

  const sentSince = params.get('since');
  const since = sentSince === undefined || sentSince === '' ? undefined : Number(sentSince);
  if (since !== undefined && !(Number.isSafeInteger(since) && since >= 0 && /^\d+$/.test(sentSince!))) {
    return { error: `since=${shown(sentSince!)} is not valid; use a SEQ (a whole number 0 or above)` };
  }

  return {
    filter: { eventClass, deviceIds: parseDeviceIds(params.get('value')) }, format, snapshot: YES.has(sentSnapshot),
    version: sentVersion === '2' ? 2 : 1, since,
  };
}
