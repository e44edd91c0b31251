import type { CallInstance } from '../../calls/call-instance.js';
import type { Device } from '../../calls/device.js';
import type { ApiTimeFormat } from '../../protocol/api-time.js';
import type { ResultBody } from '../../protocol/api-result.js';

/**
 * SESSIONID of a call for the status functions: "based on the call and
 * device", so it names both and stays the same for the life of the call.
 */
export function sessionIdOf(call: CallInstance): string {
  return `${call.deviceId}-${call.sequence}`;
}

const yesNo = (value: boolean) => (value ? 'Y' : 'N');

function userFields(call: CallInstance | undefined): ResultBody {
  const body: ResultBody = {};
  for (let i = 0; i < 15; i++) body[`USER${i + 1}`] = call?.fields.users[i] ?? '';
  return body;
}

/** The call's data fields as DEVICESTATUS and DEVICERECORDINGSTATUS print them (GROUP … STOPTIME). */
function callFields(call: CallInstance | undefined, time: ApiTimeFormat): ResultBody {
  const f = call?.fields;
  return {
    GROUP: f?.group ?? '',
    GATE: f?.gate ?? '',
    ANI: f?.ani ?? '',
    DNIS: f?.dnis ?? '',
    ...userFields(call),
    CALLDIRECTION: f?.direction ?? '',
    ISTRUNK: f?.isTrunk ? 'Y' : '',
    STATION: f?.station ?? '',
    STARTTIME: time.dateTime(call?.startTime),
    STOPTIME: time.dateTime(call?.stopTime),
  };
}

/** ISRECORDING … CALLINSTANCE, the RECORDING section's recording fields. */
function recordingFields(call: CallInstance | undefined): ResultBody {
  const recording = call?.recordings.at(-1);
  return {
    ISRECORDING: yesNo(recording !== undefined),
    ISRECORDINGVIDEO: 'N',
    FILENAME: recording?.fileName ?? '',
    CALLID: call?.fields.callId ?? '',
    SESSIONID: call ? sessionIdOf(call) : '',
    CALLINSTANCE: call?.instance ?? '',
  };
}

/**
 * One DEVICE block of DEVICELIST and DEVICESTATUS, laid out as the manual's
 * examples print it (its field lists differ slightly from its examples; the
 * examples are what clients were written against): the identity, the call's
 * fields, COREIDENT, then the RECORDING section.
 */
export function deviceSection(device: Device, call: CallInstance | undefined, time: ApiTimeFormat): ResultBody {
  const f = call?.fields;
  return {
    DEVICEID: device.deviceId,
    DEVICEALIAS: f?.deviceAlias ?? '',
    SYS_USER: f?.sysUser ?? '',
    CRM_USER: f?.crmUser ?? '',
    ...callFields(call, time),
    COREIDENT: coreIdentOf(call),
    RECORDING: recordingFields(call),
  };
}

/** One RECORDING block of DEVICERECORDINGSTATUS: the call's fields, recording fields and STATUS. */
export function recordingStatusSection(call: CallInstance, time: ApiTimeFormat): ResultBody {
  const paused = call.recordings.every((r) => r.paused || r.held);
  return { ...callFields(call, time), ...recordingFields(call), STATUS: paused ? 'recordpaused' : 'recording' };
}

/** COREIDENT: the core recording the call, else the cores that took it. */
export function coreIdentOf(call: CallInstance | undefined): string {
  if (!call) return '';
  const recording = call.recordings.at(-1);
  return recording ? String(recording.coreIdent) : call.coreIdents.join(',');
}
