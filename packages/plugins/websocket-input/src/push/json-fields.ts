/** How a JSON value becomes an API parameter value. */
export type FieldKind = 'text' | 'yesNo' | 'direction';

/** One key of the push schema: its API parameter (the XML API's name) and how its value reads. */
export interface JsonField {
  readonly parameter: string;
  readonly kind: FieldKind;
}

const text = (parameter: string): JsonField => ({ parameter, kind: 'text' });

/**
 * The push schema's keys and the XML API parameters they are, so a pushed
 * event is checked by the same field limits and answered with the same
 * result codes as the XML request it stands for.
 */
export const JSON_FIELDS: Readonly<Record<string, JsonField>> = {
  device: text('DEVICEID'),
  deviceAlias: text('DEVICEALIAS'),
  sysUser: text('SYS_USER'),
  crmUser: text('CRM_USER'),
  stationName: text('STATIONNAME'),
  instance: text('CALLINSTANCE'),
  ani: text('ANI'),
  dnis: text('DNIS'),
  callId: text('CALLID'),
  group: text('GROUP'),
  gate: text('GATE'),
  direction: { parameter: 'CALLDIRECTION', kind: 'direction' },
  priority: text('PRIORITY'),
  maxRecordTime: text('MAXRECORDTIME'),
  maxRecordSilence: text('MAXRECORDSILENCE'),
  keepDays: text('KEEPDAYS'),
  archiveAction: text('ARCHIVEACTION'),
  agentInitiated: { parameter: 'AGENTINITIATED', kind: 'yesNo' },
  ctiInitiated: { parameter: 'CTIINITIATED', kind: 'yesNo' },
  updateIfNotRecording: { parameter: 'UPDATE_IF_NOT_RECORDING', kind: 'yesNo' },
  recordId: text('RECORDID'),
  ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`user${i + 1}`, text(`USER${i + 1}`)])),
};

const BY_LOWER = new Map(Object.entries(JSON_FIELDS).map(([key, field]) => [key.toLowerCase(), field]));

/** The field a key names, case-insensitively (`callId`, `callid` and `CALLID` are one key). */
export function jsonField(key: string): JsonField | undefined {
  return BY_LOWER.get(key.toLowerCase());
}

const DIRECTIONS: Readonly<Record<string, string>> = {
  i: 'I', in: 'I', inbound: 'I', incoming: 'I',
  o: 'O', out: 'O', outbound: 'O', outgoing: 'O',
  '?': '?', unknown: '?',
};

/**
 * A JSON value as the API parameter's text, or a problem. Numbers are
 * written as sent; booleans only where the parameter is Y/N; a direction
 * may be spelled I/O/? or in/out/inbound/outbound. Anything the API's own
 * checks would refuse is left for them to refuse, with their message.
 */
export function parameterValue(key: string, field: JsonField, value: unknown): { value: string } | { problem: string } {
  if (typeof value === 'number' && Number.isFinite(value)) return { value: String(value) };
  if (typeof value === 'boolean') {
    return field.kind === 'yesNo' ? { value: value ? 'Y' : 'N' } : { problem: `${key} must be a string or a number, got ${value}` };
  }
  if (typeof value !== 'string') return { problem: `${key} must be a string or a number, got ${Array.isArray(value) ? 'an array' : typeof value}` };
  if (field.kind === 'direction') return { value: DIRECTIONS[value.trim().toLowerCase()] ?? value };
  return { value };
}
