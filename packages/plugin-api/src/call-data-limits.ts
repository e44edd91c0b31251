import type { CallData, CallIdentity } from './call-data.js';
import type { FieldRule } from './command.js';
import { fieldRule } from './field-rules.js';

/** A call data key's parameter in the manual, and the rule the manual's table gives it. */
export interface CallDataLimit {
  /** The manual's parameter name: `ANI`, `SYS_USER`, `CALLINSTANCE`. */
  readonly parameter: string;
  readonly rule: FieldRule;
}

/** The CallData and CallIdentity keys with one parameter each (USER1..USER15 are `users`; isTrunk is not a parameter). */
export type LimitedCallKey = Exclude<keyof CallData | keyof CallIdentity, 'users' | 'isTrunk'>;

export type CallDataLimits = { readonly [K in LimitedCallKey]: CallDataLimit } & {
  /** USER1..USER15; index 0 is USER1. */
  readonly users: readonly CallDataLimit[];
};

const { char, varchar, int32, int64, choice } = fieldRule;
const yesNo = choice('Y', 'N');
const limit = (parameter: string, rule: FieldRule): CallDataLimit => ({ parameter, rule });

/**
 * The manual's limits of call data, per CallData / CallIdentity key: its
 * "Call Handling Data Types" table (CALLSTART, CALLSTOP, CALLUPDATE,
 * RECORDSTART, RECORDSTOP). The host checks every call signal against it,
 * whichever door it came through: a value that breaks its rule is refused
 * with CallError('FIELD_INVALID', …, parameter), never cut. An input whose
 * PBX sends longer values cuts them on purpose first (@callwire/plugin-kit's
 * fitCallData). Where the manual says "TBD", the rule is the one the column needs.
 */
export const CALL_DATA_LIMITS: CallDataLimits = {
  deviceId: limit('DEVICEID', char(64)),
  callInstance: limit('CALLINSTANCE', varchar(64)),
  deviceAlias: limit('DEVICEALIAS', char(15)),
  sysUser: limit('SYS_USER', char(30)),
  crmUser: limit('CRM_USER', char(30)),
  stationName: limit('STATIONNAME', char(50)),
  group: limit('GROUP', char(20)),
  gate: limit('GATE', char(20)),
  ani: limit('ANI', char(20)),
  dnis: limit('DNIS', char(20)),
  callId: limit('CALLID', char(16)),
  direction: limit('CALLDIRECTION', choice('I', 'O', '?')),
  priority: limit('PRIORITY', int32(0n, 100n)),
  maxRecordTime: limit('MAXRECORDTIME', int32(0n)),
  maxRecordSilence: limit('MAXRECORDSILENCE', int32(0n)),
  keepDays: limit('KEEPDAYS', int32(0n)),
  archiveAction: limit('ARCHIVEACTION', int64),
  agentInitiated: limit('AGENTINITIATED', yesNo),
  ctiInitiated: limit('CTIINITIATED', yesNo),
  users: Array.from({ length: 15 }, (_, i) => limit(`USER${i + 1}`, varchar(i < 3 ? 20 : i < 8 ? 255 : 50))),
};
