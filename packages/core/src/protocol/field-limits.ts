/**
 * The manual's "Data Type Values" tables, as data: what each parameter may hold,
 * per function. Every request is checked against its function's table before
 * its handler runs; a value too long or of the wrong kind is refused, never
 * truncated. Where the manual says "TBD" the rule is the one the column needs.
 */

import { CALL_DATA_LIMITS, fieldRule, type CallDataLimit, type FieldRule, type FieldTable } from '@callwire/plugin-api';

export type { FieldRule, FieldTable };

const { char, varchar, int32, int64, choice } = fieldRule;
const yesNo = choice('Y', 'N');
const direction = CALL_DATA_LIMITS.direction.rule;

const byParameter = (limits: readonly CallDataLimit[]): Record<string, FieldRule> =>
  Object.fromEntries(limits.map(({ parameter, rule }) => [parameter, rule]));

const { users, group, gate, ani, dnis } = CALL_DATA_LIMITS;
/** GROUP, GATE, ANI, DNIS and USER1..USER15, as the call-handling table has them. */
const CALL_FIELDS = byParameter([group, gate, ani, dnis, ...users]);

/**
 * CALLSTART, CALLSTOP, CALLUPDATE, RECORDSTART, RECORDSTOP: the call data
 * limits plugins see (@callwire/plugin-api's CALL_DATA_LIMITS, one source),
 * and the two parameters that are not call data.
 */
const CALL_HANDLING: FieldTable = {
  ...byParameter(Object.values(CALL_DATA_LIMITS).flat()),
  UPDATE_IF_NOT_RECORDING: yesNo, RECORDID: int64,
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
