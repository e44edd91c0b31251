/**
 * The manual's "Data Type Values" tables, as data: what each parameter may hold,
 * per function. Every request is checked against its function's table before
 * its handler runs; a value too long or of the wrong kind is refused, never
 * truncated. Where the manual says "TBD" the rule is the one the column needs.
 */

import type { FieldRule, FieldTable } from '@callwire/plugin-api';

export type { FieldRule, FieldTable };

const char = (max: number): FieldRule => ({ kind: 'text', max, declared: `char(${max})` });
const varchar = (max: number): FieldRule => ({ kind: 'text', max, declared: `varchar(${max})` });
const int32 = (min = -(2n ** 31n), max = 2n ** 31n - 1n): FieldRule => ({
  kind: 'integer', min, max, declared: min === 0n ? `integer ${min}-${max}` : 'integer (signed 32-bit)',
});
const int64: FieldRule = { kind: 'integer', min: -(2n ** 63n), max: 2n ** 63n - 1n, declared: 'bigint(8)' };
const choice = (...values: string[]): FieldRule => ({ kind: 'choice', values, declared: values.map((v) => `'${v}'`).join(', ') });
const yesNo = choice('Y', 'N');
const direction = choice('I', 'O', '?');

function userFields(): Record<string, FieldRule> {
  const fields: Record<string, FieldRule> = {};
  for (let n = 1; n <= 15; n++) fields[`USER${n}`] = varchar(n <= 3 ? 20 : n <= 8 ? 255 : 50);
  return fields;
}

const CALL_FIELDS: Record<string, FieldRule> = {
  GROUP: char(20), GATE: char(20), ANI: char(20), DNIS: char(20), ...userFields(),
};

/** CALLSTART, CALLSTOP, CALLUPDATE, RECORDSTART, RECORDSTOP. */
const CALL_HANDLING: FieldTable = {
  DEVICEID: char(64), CALLINSTANCE: varchar(64), DEVICEALIAS: char(15), ...CALL_FIELDS,
  CALLID: char(16), PRIORITY: int32(0n, 100n), CALLDIRECTION: direction,
  MAXRECORDSILENCE: int32(0n), MAXRECORDTIME: int32(0n), AGENTINITIATED: yesNo, CTIINITIATED: yesNo,
  STATIONNAME: char(50), UPDATE_IF_NOT_RECORDING: yesNo, ARCHIVEACTION: int64,
  SYS_USER: char(30), CRM_USER: char(30), KEEPDAYS: int32(0n), RECORDID: int64,
};

/** DEVICELIST, DEVICESTATUS, DEVICERECORDINGSTATUS. */
const STATUS: FieldTable = {
  DEVICEID: char(64), DEVICEALIAS: char(15), SYS_USER: char(30), CRM_USER: char(30), CALLID: char(30),
};

const CALLLIST: FieldTable = {
  DEVICEID: char(64), CRM_USER: char(30), SYS_USER: char(30), DEVICEALIAS: char(15), ...CALL_FIELDS,
  CALLCOUNT: int32(0n), CALLDATESTART: int64, CALLDATEEND: int64,
};

/** CHATSTART, CHATSTOP, CHATUPDATE. */
const CHAT: FieldTable = {
  SESSIONID: char(255), AGENTID: int32(), KEYNAME: choice('USERNAME', 'SYS_USER', 'EMPLOYEEID', 'CRM_USER', 'DEVICEALIAS'),
  KEYVALUE: char(255), DEVICEALIAS: char(15), ...CALL_FIELDS, CALLDIRECTION: direction, CALLID: char(16),
};

/** BLACKOUTSTART/STOP and AGENTBLACKOUTSTART/STOP. */
const BLACKOUT: FieldTable = {
  DEVICEID: varchar(64), DEVICEALIAS: varchar(100), CRM_USER: varchar(50), SYS_USER: varchar(255),
  CALLINSTANCE: varchar(64), TIMEOFFSET: int32(),
};

/** IMPORTUSER, IMPORTAGENTPHONE, IMPORTWORKSTATION. */
const IMPORT: FieldTable = {
  AGENTID: int32(), USERID: int32(), FIRSTNAME: char(20), LASTNAME: char(30), SYS_USER: varchar(255),
  DOMAIN: char(30), EMAIL: char(255), EMPLOYEEID: char(20), ALLOWSELFRECORD: yesNo, ALLOWSELFDOWNLOAD: yesNo,
  ALLOWDUPLICATE: yesNo, STATUS: choice('A', 'I'), SITEID: int32(), MOBILE_ID: varchar(50),
  PHONEID: char(10), PHONES: { kind: 'list', itemMax: 10, declared: 'comma list of char(10)' },
  DEVICEID: char(15), STATIONNAME: char(50), LOCATIONID: int32(),
  USERNAME: varchar(255), PASSWORD: varchar(255), CRM_USER: char(30),
  // Not in the manual's table: the agent's sign-on number (IMPORTUSER), sized like DEVICEALIAS everywhere else.
  DEVICEALIAS: char(15),
};

/** ADDGROUP, MODIFYGROUPPERMISSION, MODIFYUSERGROUPPERMISSION (GROUPLD: the manual's misprint of GROUPID). */
const GROUPS: FieldTable = {
  GROUPNAME: char(255), GROUPID: int32(), GROUPLD: int32(), DEVICEID: char(64), USERNAME: char(16), PHONEID: char(10),
  FIRSTNAME: char(20), LASTNAME: char(30), AGENTID: int32(),
};

/**
 * MODIFYROLE, MODIFYROLEGROUPPERMISSION, MODIFYUSERROLE, MODIFYROLEPERMISSION:
 * the manual gives no table, so each rule is the one its column needs (a
 * USERNAME is as long as IMPORTUSER lets it be, not ADDGROUP's char(16)).
 */
const ROLES: FieldTable = {
  ROLEID: int32(), ROLENAME: varchar(255), DESCRIPTION: varchar(255), GROUPNAME: char(255), PERMISSIONNAME: varchar(64),
  USERID: int32(), USERNAME: varchar(255), SYSTEMUSERNAME: varchar(255), FIRSTNAME: char(20), LASTNAME: char(30),
};

const EMAIL: FieldTable = {
  UNIQUEFIELD: varchar(255), UNIQUEID: varchar(255), TOADDRESS: varchar(255), TONAME: varchar(255),
  FROMADDRESS: varchar(255), FROMNAME: varchar(255), MEDIA_FORMAT: varchar(3), IDENT: varchar(255),
};

const AGENTWINDOW: FieldTable = {
  COMPUTERNAME: varchar(255), USERNAME: varchar(255), DOMAIN: varchar(255), IPADDRESS: varchar(255),
  STATUS: varchar(255), APPLICATIONTITLE: varchar(255), LASTUPDATE: varchar(255),
};

const byFunction: Record<string, FieldTable> = {};
const assign = (table: FieldTable, ...functions: string[]): void => {
  for (const name of functions) byFunction[name] = table;
};
assign(CALL_HANDLING, 'CALLSTART', 'CALLSTOP', 'CALLUPDATE', 'RECORDSTART', 'RECORDSTOP');
assign(STATUS, 'DEVICELIST', 'DEVICESTATUS', 'DEVICERECORDINGSTATUS');
assign(CALLLIST, 'CALLLIST');
assign(CHAT, 'CHATSTART', 'CHATSTOP', 'CHATUPDATE');
assign(BLACKOUT, 'BLACKOUTSTART', 'BLACKOUTSTOP', 'AGENTBLACKOUTSTART', 'AGENTBLACKOUTSTOP');
assign(IMPORT, 'IMPORTUSER', 'IMPORTAGENTPHONE', 'IMPORTWORKSTATION');
assign(GROUPS, 'ADDGROUP', 'MODIFYGROUPPERMISSION', 'MODIFYUSERGROUPPERMISSION');
assign(ROLES, 'MODIFYROLE', 'MODIFYROLEGROUPPERMISSION', 'MODIFYUSERROLE', 'MODIFYROLEPERMISSION');
assign(EMAIL, 'EMAIL', 'COMBINEDEMAIL');
assign(AGENTWINDOW, 'AGENTWINDOW');

/** The field table of each API function the manual gives one for. */
export const FIELD_LIMITS: Readonly<Record<string, FieldTable>> = byFunction;
