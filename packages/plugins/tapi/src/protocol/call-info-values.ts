/** LINECALLORIGIN_* (LINECALLINFO.dwOrigin): where the call came from. */
export const LINE_CALL_ORIGINS = {
  OUTBOUND: 0x01,
  INTERNAL: 0x02,
  EXTERNAL: 0x04,
  UNKNOWN: 0x10,
  UNAVAIL: 0x20,
  CONFERENCE: 0x40,
  INBOUND: 0x80,
} as const;

/** LINECALLREASON_* (LINECALLINFO.dwReason): why the call is on this line. */
export const LINE_CALL_REASONS = {
  DIRECT: 0x0001,
  FWDBUSY: 0x0002,
  FWDNOANSWER: 0x0004,
  FWDUNCOND: 0x0008,
  PICKUP: 0x0010,
  UNPARK: 0x0020,
  REDIRECT: 0x0040,
  CALLCOMPLETION: 0x0080,
  TRANSFER: 0x0100,
  REMINDER: 0x0200,
  UNKNOWN: 0x0400,
  UNAVAIL: 0x0800,
  INTRUDE: 0x1000,
  PARKED: 0x2000,
  CAMPEDON: 0x4000,
  ROUTEREQUEST: 0x8000,
} as const;

/**
 * An origin or reason as a name (`INBOUND`, `TRANSFER`), from a name with or
 * without its tapi.h prefix or from its bit value. A value tapi.h does not
 * define is kept as sent, upper-cased: it matches nothing, which is the safe
 * reading.
 */
export function readInfoValue(table: Readonly<Record<string, number>>, prefix: string, sent: string | number): string {
  if (typeof sent === 'number') return Object.entries(table).find(([, value]) => value === sent)?.[0] ?? String(sent);
  return sent.trim().toUpperCase().replace(new RegExp(`^${prefix}`), '');
}
