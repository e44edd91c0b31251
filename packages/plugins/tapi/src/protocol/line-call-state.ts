/**
 * TAPI 2.x LINECALLSTATE_* values (tapi.h). A bridge may send a state by
 * name (`OFFERING` or `LINECALLSTATE_OFFERING`) or by its bit value
 * (dwParam1 of LINE_CALLSTATE, e.g. 2); both read the same.
 */
export const LINE_CALL_STATES = {
  IDLE: 0x00000001,
  OFFERING: 0x00000002,
  ACCEPTED: 0x00000004,
  DIALTONE: 0x00000008,
  DIALING: 0x00000010,
  RINGBACK: 0x00000020,
  BUSY: 0x00000040,
  SPECIALINFO: 0x00000080,
  CONNECTED: 0x00000100,
  PROCEEDING: 0x00000200,
  ONHOLD: 0x00000400,
  CONFERENCED: 0x00000800,
  ONHOLDPENDCONF: 0x00001000,
  ONHOLDPENDTRANSFER: 0x00002000,
  DISCONNECTED: 0x00004000,
  UNKNOWN: 0x00008000,
} as const;

/** A call state, named as tapi.h names it without the LINECALLSTATE_ prefix. */
export type LineCallState = keyof typeof LINE_CALL_STATES;

const BY_VALUE = new Map<number, LineCallState>(
  (Object.entries(LINE_CALL_STATES) as [LineCallState, number][]).map(([name, value]) => [value, name]),
);

/** The state a bridge sent, or undefined when it is none of tapi.h's. */
export function readLineCallState(sent: string | number): LineCallState | undefined {
  if (typeof sent === 'number') return BY_VALUE.get(sent);
  const name = sent.trim().toUpperCase().replace(/^LINECALLSTATE_/, '');
  return name in LINE_CALL_STATES ? (name as LineCallState) : undefined;
}

/** LINECONNECTEDMODE_* (dwParam2 of CONNECTED). */
export const LINE_CONNECTED_MODES = {
  ACTIVE: 0x01,
  INACTIVE: 0x02,
  ACTIVEHELD: 0x04,
  INACTIVEHELD: 0x08,
  CONFIRMED: 0x10,
} as const;

/** LINEDISCONNECTMODE_* (dwParam2 of DISCONNECTED). */
export const LINE_DISCONNECT_MODES = {
  NORMAL: 0x0001,
  UNKNOWN: 0x0002,
  REJECT: 0x0004,
  PICKUP: 0x0008,
  FORWARDED: 0x0010,
  BUSY: 0x0020,
  NOANSWER: 0x0040,
  BADADDRESS: 0x0080,
  UNREACHABLE: 0x0100,
  CONGESTION: 0x0200,
  INCOMPATIBLE: 0x0400,
  UNAVAIL: 0x0800,
  NODIALTONE: 0x1000,
  NUMBERCHANGED: 0x2000,
  OUTOFORDER: 0x4000,
  TEMPFAILURE: 0x8000,
  QOSUNAVAIL: 0x10000,
  BLOCKED: 0x20000,
  DONOTDISTURB: 0x40000,
  CANCELLED: 0x80000,
} as const;

/**
 * The mode detail of a CONNECTED or DISCONNECTED state as a name
 * (`INACTIVE`, `NOANSWER`), from a name or a LINE*MODE_ bit value. Unknown
 * values are kept as sent (upper-cased), since they are only logged.
 */
export function readStateMode(state: LineCallState, sent: string | number | undefined): string | undefined {
  if (sent === undefined) return undefined;
  const table: Readonly<Record<string, number>> | undefined =
    state === 'CONNECTED' ? LINE_CONNECTED_MODES : state === 'DISCONNECTED' ? LINE_DISCONNECT_MODES : undefined;
  if (typeof sent === 'number') {
    const name = table && Object.entries(table).find(([, value]) => value === sent)?.[0];
    return name ?? String(sent);
  }
  return sent.trim().toUpperCase().replace(/^LINE(CONNECTED|DISCONNECT)MODE_/, '');
}
