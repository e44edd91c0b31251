/** Call direction as the API spells it: I(nbound), O(utbound), ? (unknown). */
export type CallDirection = 'I' | 'O' | '?' | '';

/**
 * The data a call carries, in the manual's names (camel-cased). Every field
 * is optional in a signal; an update changes only the fields it sends.
 */
export interface CallData {
  deviceAlias?: string;
  sysUser?: string;
  crmUser?: string;
  group?: string;
  gate?: string;
  ani?: string;
  dnis?: string;
  callId?: string;
  direction?: CallDirection;
  /** STATIONNAME: overrides the device's station mapping for this call. */
  stationName?: string;
  /** USER1..USER15; index 0 is USER1. `undefined` entries are "not sent". */
  users?: readonly (string | undefined)[];
  priority?: number;
  maxRecordTime?: number;
  maxRecordSilence?: number;
  keepDays?: number;
  archiveAction?: number;
  agentInitiated?: boolean;
  ctiInitiated?: boolean;
  isTrunk?: boolean;
}

/** How a signal names its device: DEVICEID directly, or through the directory. */
export interface CallIdentity {
  deviceId?: string;
  deviceAlias?: string;
  sysUser?: string;
  crmUser?: string;
  stationName?: string;
  /** CALLINSTANCE; undefined = blank on start, "the last call on the device" otherwise. */
  callInstance?: string;
}

/** The fields of a call in progress, all present (blank when unknown). */
export interface CallFields {
  deviceAlias: string;
  sysUser: string;
  crmUser: string;
  group: string;
  gate: string;
  ani: string;
  dnis: string;
  callId: string;
  direction: CallDirection;
  station: string;
  users: string[];
  isTrunk: boolean;
}

const TEXT_KEYS = ['deviceAlias', 'sysUser', 'crmUser', 'group', 'gate', 'ani', 'dnis', 'callId'] as const;

/** Fields of a new call from the data of its start signal. */
export function newCallFields(data: CallData): CallFields {
  const fields: CallFields = {
    deviceAlias: '', sysUser: '', crmUser: '', group: '', gate: '', ani: '', dnis: '', callId: '',
    direction: '', station: '', users: Array.from({ length: 15 }, () => ''), isTrunk: false,
  };
  applyCallData(fields, data);
  return fields;
}

/** Copies into `fields` every field `data` sends (an update changes only those). */
export function applyCallData(fields: CallFields, data: CallData): void {
  for (const key of TEXT_KEYS) {
    const value = data[key];
    if (value !== undefined) fields[key] = value;
  }
  if (data.direction !== undefined) fields.direction = data.direction;
  if (data.stationName !== undefined) fields.station = data.stationName;
  if (data.isTrunk !== undefined) fields.isTrunk = data.isTrunk;
  data.users?.forEach((value, index) => {
    if (value !== undefined && index < 15) fields.users[index] = value;
  });
}
