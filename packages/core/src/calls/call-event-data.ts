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
export function stopDuration(start: number, stop: number, durationMs = stop - start): string {
  return String(Math.max(0, Math.round(durationMs / 1000)));
}

/** EVENTDATA of a recording's events: the call's, plus the recording's own (its KEEPDAYS and ARCHIVEACTION among them). */
export function recordingEventData(call: CallInstance, recording: ActiveRecording, time: ApiTimeFormat): Record<string, string> {
  // the call's object, changed in place: spreading it into a new literal costs ten times as much (V8 copies it slowly)
  const data = callEventData(call, time);
  const retention = retentionEventData(recording.retention);
  data.KEEPDAYS = retention.KEEPDAYS;
  data.ARCHIVEACTION = retention.ARCHIVEACTION;
  data.FILENAME = recording.fileName;
  data.CHANNEL = String(recording.channel);
  data.ERRORREASON = 'NONE';
  data.RECORDID = recording.ident === undefined ? '' : String(recording.ident);
  data.COREIDENT = String(recording.coreIdent);
  data.MEDIATARGET = recording.mediaTarget ? `${recording.mediaTarget.host}:${recording.mediaTarget.port}` : '';
  return data;
}
