import type { CallData, CallDirection, CallIdentity } from '../../calls/call-fields.js';
import type { ApiRequest } from '../../protocol/api-request.js';

/** DEVICEID / DEVICEALIAS / SYS_USER / CRM_USER / STATIONNAME and CALLINSTANCE of a request; blanks count as not sent. */
export function readCallIdentity(request: ApiRequest): CallIdentity {
  return {
    deviceId: request.nonBlank('DEVICEID'),
    deviceAlias: request.nonBlank('DEVICEALIAS'),
    sysUser: request.nonBlank('SYS_USER'),
    crmUser: request.nonBlank('CRM_USER'),
    stationName: request.nonBlank('STATIONNAME'),
    callInstance: request.get('CALLINSTANCE'),
  };
}

const integer = (request: ApiRequest, name: string): number | undefined => {
  const value = request.nonBlank(name);
  return value === undefined ? undefined : Number(value);
};
const yes = (request: ApiRequest, name: string): boolean | undefined => {
  const value = request.nonBlank(name);
  return value === undefined ? undefined : value.toUpperCase() === 'Y';
};

/** The call data a request sends (fields not sent stay undefined, so updates change only what was sent). */
export function readCallData(request: ApiRequest): CallData {
  const direction = request.nonBlank('CALLDIRECTION')?.toUpperCase() as CallDirection | undefined;
  return {
    deviceAlias: request.get('DEVICEALIAS'),
    sysUser: request.get('SYS_USER'),
    crmUser: request.get('CRM_USER'),
    group: request.get('GROUP'),
    gate: request.get('GATE'),
    ani: request.get('ANI'),
    dnis: request.get('DNIS'),
    callId: request.get('CALLID'),
    direction,
    stationName: request.nonBlank('STATIONNAME'),
    users: Array.from({ length: 15 }, (_, i) => request.get(`USER${i + 1}`)),
    priority: integer(request, 'PRIORITY'),
    maxRecordTime: integer(request, 'MAXRECORDTIME'),
    maxRecordSilence: integer(request, 'MAXRECORDSILENCE'),
    keepDays: integer(request, 'KEEPDAYS'),
    archiveAction: integer(request, 'ARCHIVEACTION'),
    agentInitiated: yes(request, 'AGENTINITIATED'),
    ctiInitiated: yes(request, 'CTIINITIATED'),
  };
}
