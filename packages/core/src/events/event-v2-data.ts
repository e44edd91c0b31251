import { EVENT_CLASS, type CallcopyEvent, type EventTimeField } from './callcopy-event.js';
import { EVENT_LAYOUTS } from './event-layouts.js';

/** A v2 `data` value: typed, never the empty string (a field without a value is left out). */
export type V2Value = string | number | boolean | readonly number[];

/** How a field is written in the v2 JSON form. */
type V2Kind = 'text' | 'number' | 'flag' | 'time' | 'cores';

/** The v2 key (camelCase of the manual's name) and kind of every EVENTDATA field that is not text. */
const V2_FIELDS: Readonly<Record<string, readonly [key: string, kind: V2Kind]>> = {
  GLOBALCALLID: ['globalCallId', 'text'], DEVICEID: ['deviceId', 'text'], DEVICEALIAS: ['deviceAlias', 'text'],
  SYS_USER: ['sysUser', 'text'], CRM_USER: ['crmUser', 'text'], GATE: ['gate', 'text'], ANI: ['ani', 'text'],
  DNIS: ['dnis', 'text'], AGENTID: ['agentId', 'number'], GROUP: ['group', 'text'], CALLINSTANCE: ['callInstance', 'text'],
  CALLDIRECTION: ['callDirection', 'text'], STATION: ['station', 'text'], ISTRUNK: ['isTrunk', 'flag'],
  KEEPDAYS: ['keepDays', 'number'], ARCHIVEACTION: ['archiveAction', 'number'], STARTTIME: ['startTime', 'time'],
  STOPTIME: ['stopTime', 'time'], DURATION: ['duration', 'number'], COREIDENT: ['coreIdent', 'number'],
  FILENAME: ['fileName', 'text'], CHANNEL: ['channel', 'number'], ERRORREASON: ['errorReason', 'text'],
  RECORDID: ['recordId', 'number'], MEDIATARGET: ['mediaTarget', 'text'],
};

const USER_FIELD = /^USER(\d+)$/;
const TIME_FIELDS: readonly EventTimeField[] = ['STARTTIME', 'STOPTIME'];

/**
 * EVENTDATA in the JSON v2 form: the fields of the event's layout that carry
 * a value, under camelCase keys (`GLOBALCALLID` → `globalCallId`, `USER7` →
 * `user7`), typed: numbers for ids, counts and durations, `isTrunk` a
 * boolean, times ISO 8601 with offset (`iso`), and COREIDENT an array of
 * numbers on call events (a call may be recorded by several cores) and one
 * number on recording events. Every time the producer recorded (`times`) is
 * written, also one the XML layout does not carry (STARTTIME of a recording).
 */
export function v2Data(event: CallcopyEvent, iso: (ms: number) => string): Record<string, V2Value> {
  const data: Record<string, V2Value> = {};
  const callEvent = EVENT_CLASS[event.type] === 'CALL';
  for (const name of EVENT_LAYOUTS[event.type]) {
    const [key, kind] = V2_FIELDS[name] ?? [name.replace(USER_FIELD, 'user$1'), 'text'];
    const instant = event.times?.[name as EventTimeField];
    if (kind === 'time' && instant !== undefined) {
      data[key] = iso(instant);
      continue;
    }
    const raw = event.data[name] ?? '';
    if (raw === '') continue;
    data[key] = typed(kind === 'number' && name === 'COREIDENT' && callEvent ? 'cores' : kind, raw);
  }
  for (const name of TIME_FIELDS) {
    const instant = event.times?.[name];
    if (instant !== undefined) data[V2_FIELDS[name]![0]] ??= iso(instant);
  }
  return data;
}

function typed(kind: V2Kind, raw: string): V2Value {
  switch (kind) {
    case 'number':
      return numberOr(raw);
    case 'flag':
      return raw.toUpperCase() === 'Y';
    case 'cores':
      return raw.split(',').filter((ident) => ident !== '').map(Number);
    default:
      return raw;
  }
}

/** The value as a number; kept as text in the (producer's) case it is not one, so nothing is lost. */
function numberOr(raw: string): number | string {
  const n = Number(raw);
  return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
}
