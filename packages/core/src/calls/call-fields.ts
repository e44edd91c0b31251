import type { CallData, CallFields } from '@callwire/plugin-api';

// The call data types are part of the plugin contract (@callwire/plugin-api).
export type { CallData, CallDirection, CallFields, CallIdentity } from '@callwire/plugin-api';

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
