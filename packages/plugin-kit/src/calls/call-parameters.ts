import type { CallData, CallDirection, CallIdentity, CommandRequest } from '@callwire/plugin-api';

/** Where parameters are read from by the manual's names (`ANI`, `USER4`): an API request, or what a PBX sent, renamed. */
export type CallParameters = Pick<CommandRequest, 'get' | 'nonBlank'>;

/** DEVICEID / DEVICEALIAS / SYS_USER / CRM_USER / STATIONNAME and CALLINSTANCE, as CALLSTART names them; blanks count as not sent. */
export function readCallIdentity(parameters: CallParameters): CallIdentity {
  return {
    deviceId: parameters.nonBlank('DEVICEID'),
    deviceAlias: parameters.nonBlank('DEVICEALIAS'),
    sysUser: parameters.nonBlank('SYS_USER'),
    crmUser: parameters.nonBlank('CRM_USER'),
    stationName: parameters.nonBlank('STATIONNAME'),
    callInstance: parameters.get('CALLINSTANCE'),
  };
}

const DIRECTIONS = ['I', 'O', '?'];

const integer = (parameters: CallParameters, name: string): number | undefined => {
  const value = parameters.nonBlank(name);
  return value === undefined ? undefined : Number(value);
};
const yes = (parameters: CallParameters, name: string): boolean | undefined => {
  const value = parameters.nonBlank(name);
  return value === undefined ? undefined : value.toUpperCase() === 'Y';
};

/**
 * The call data that parameters in the manual's names send (GROUP, GATE,
 * ANI, DNIS, CALLID, CALLDIRECTION, USER1–USER15, PRIORITY …). Fields not
 * sent stay undefined, so an update changes only what was sent. Values are
 * read, not checked: the call path checks them against the manual's table.
 */
export function readCallData(parameters: CallParameters): CallData {
  const sent = parameters.nonBlank('CALLDIRECTION');
  // i/o are read as I/O; anything else is kept as sent, for the call path's check to name it as the XML API does.
  const direction = (sent !== undefined && DIRECTIONS.includes(sent.toUpperCase()) ? sent.toUpperCase() : sent) as CallDirection | undefined;
  return {
    deviceAlias: parameters.get('DEVICEALIAS'),
    sysUser: parameters.get('SYS_USER'),
    crmUser: parameters.get('CRM_USER'),
    group: parameters.get('GROUP'),
    gate: parameters.get('GATE'),
    ani: parameters.get('ANI'),
    dnis: parameters.get('DNIS'),
    callId: parameters.get('CALLID'),
    direction,
    stationName: parameters.nonBlank('STATIONNAME'),
    users: Array.from({ length: 15 }, (_, i) => parameters.get(`USER${i + 1}`)),
    priority: integer(parameters, 'PRIORITY'),
    maxRecordTime: integer(parameters, 'MAXRECORDTIME'),
    maxRecordSilence: integer(parameters, 'MAXRECORDSILENCE'),
    keepDays: integer(parameters, 'KEEPDAYS'),
    archiveAction: integer(parameters, 'ARCHIVEACTION'),
    agentInitiated: yes(parameters, 'AGENTINITIATED'),
    ctiInitiated: yes(parameters, 'CTIINITIATED'),
  };
}
