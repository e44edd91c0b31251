import type { ApiTimeFormat } from '../protocol/api-time.js';
import type { ActiveRecording, CallInstance } from './call-instance.js';
import { retentionEventData } from './retention.js';

/**
 * EVENTDATA of a call's events, in the manual's names. The serializer orders
 * and fills in what a given event type carries.
 */
export function callEventData(call: CallInstance, time: ApiTimeFormat): Record<string, string> {
  const { fields } = call;
  const data: Record<string, string> = {
    GLOBALCALLID: fields.callId,
    DEVICEID: call.deviceId,
    DEVICEALIAS: fields.deviceAlias,
    SYS_USER: fields.sysUser,
    CRM_USER: fields.crmUser,
    GATE: fields.gate,
    ANI: fields.ani,
    DNIS: fields.dnis,
    AGENTID: call.agentId === undefined ? '' : String(call.agentId),
    GROUP: fields.group,
    CALLINSTANCE: call.instance,
    CALLDIRECTION: fields.direction,
    STATION: fields.station,
    ISTRUNK: fields.isTrunk ? 'Y' : '',
    ...retentionEventData(call.retention),
    STARTTIME: time.dateTime(call.startTime),
    COREIDENT: call.coreIdents.join(','),
  };
  fields.users.forEach((value, i) => (data[`USER${i + 1}`] = value));
  return data;
}

/**
 * DURATION of a stop event (CALLSTOP, RECORDINGSTOPPED): whole seconds from
 * `start` to `stop`, or `durationMs` when the recorder measured it. Its
 * STOPTIME is the event's `times.STOPTIME`, which the serializer formats.
 */
export function stopData(start: number, stop: number, durationMs = stop - start): { DURATION: string } {
  return { DURATION: String(Math.max(0, Math.round(durationMs / 1000))) };
}

/** EVENTDATA of a recording's events: the call's, plus the recording's own (its KEEPDAYS and ARCHIVEACTION among them). */
export function recordingEventData(call: CallInstance, recording: ActiveRecording, time: ApiTimeFormat): Record<string, string> {
  return {
    ...callEventData(call, time),
    ...retentionEventData(recording.retention),
    FILENAME: recording.fileName,
    CHANNEL: String(recording.channel),
    ERRORREASON: 'NONE',
    RECORDID: recording.ident === undefined ? '' : String(recording.ident),
    COREIDENT: String(recording.coreIdent),
    MEDIATARGET: recording.mediaTarget ? `${recording.mediaTarget.host}:${recording.mediaTarget.port}` : '',
  };
}
