/**
 * The one place that knows the shape of an /events message. Everything else
 * sees what readEvent returns:
 *   { type, eventClass, seq, at, timeSource, data }
 * with `data` keyed by the manual's upper-case names (DEVICEID, ANI …) and
 * `at` the event's own time (epoch ms) when it carries one (`timeSource`
 * 'event'), or the moment the page received it otherwise ('received').
 *
 * Read today: v1 JSON (`format=json`): EVENTCLASS, EVENTTYPE, data, and the
 * top-level SEQ and TIME (ISO 8601 with offset) when the server sends them.
 * Also read: v2 (`format=json&v=2`): { v: 2, seq, time, class, type, data:
 * { camelCase typed fields } }. Switching the page to v2 is the one edit of
 * EVENTS_QUERY below.
 */
export const EVENTS_QUERY = 'class=ALL&format=json&snapshot=1';

/** v2's camelCase names whose upper-case form is not just the letters upper-cased. */
const V2_NAMES = { sysUser: 'SYS_USER', crmUser: 'CRM_USER' };

/** The event in `message`, or undefined for a message that is not an event (no class and type: a heartbeat, an end-of-snapshot mark). */
export function readEvent(message, receivedAt) {
  const v2 = message.v === 2;
  if (!(v2 ? message.class && message.type : message.EVENTCLASS && message.EVENTTYPE)) return undefined;
  const time = v2 ? message.time : message.TIME;
  const parsed = typeof time === 'string' ? Date.parse(time) : NaN;
  const timed = Number.isFinite(parsed);
  return {
    type: v2 ? message.type : message.EVENTTYPE,
    eventClass: v2 ? message.class : message.EVENTCLASS,
    seq: v2 ? message.seq : message.SEQ,
    at: timed ? parsed : receivedAt,
    timeSource: timed ? 'event' : 'received',
    data: v2 ? upperCased(message.data ?? {}) : (message.data ?? {}),
  };
}

/** v2's typed camelCase data as the manual's upper-case strings. */
function upperCased(data) {
  const out = {};
  for (const [name, value] of Object.entries(data)) {
    if (value === null || value === undefined) continue;
    out[V2_NAMES[name] ?? name.toUpperCase()] = typeof value === 'boolean' ? (value ? 'Y' : 'N') : String(value);
  }
  return out;
}
