/** Call direction as the API spells it: I(nbound), O(utbound), ? (unknown). */
export type CallDirection = 'I' | 'O' | '?' | '';

/**
 * The data a call carries, in the manual's names (camel-cased). Every field
 * is optional in a signal; an update changes only the fields it sends. Each
 * is checked against the manual's field table (ANI char(20), USER4 varchar(255) …):
 * a value too long is refused with a CallError naming the field, never cut.
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

/**
 * A call detail record (SMDR/CDR) as an input plugin parsed it. It arrives
 * after the call ended; the engine stores it and enriches the recording of
 * that device whose time overlaps it.
 */
export interface CallDetailRecord {
  readonly deviceId: string;
  /** When the call started (ms since epoch). */
  readonly startTime: number;
  readonly durationSeconds: number;
  readonly ani?: string;
  readonly dnis?: string;
  readonly direction?: CallDirection;
  readonly callId?: string;
  readonly accountCode?: string;
  /** The record as received, kept verbatim. */
  readonly raw: string;
}

/** What became of a call detail record. */
export interface CallDetailOutcome {
  /** Its row in call_details. */
  readonly id: number;
  /** IDENT of the recording it enriched, if one overlapped. */
  readonly recordingIdent?: number;
}
