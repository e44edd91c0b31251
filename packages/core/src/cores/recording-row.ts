import type { ActiveRecording, CallInstance } from '../calls/call-instance.js';
import type { NewRecording } from '../storage/index.js';

/** A call recording's row in the Recording table, from the call's data now. */
export function recordingRow(call: CallInstance, recording: ActiveRecording): NewRecording {
  const f = call.fields;
  const row: NewRecording = {
    device_id: call.deviceId, device_alias: f.deviceAlias || null, ani: f.ani || null, dnis: f.dnis || null,
    gate: f.gate || null, sgroup: f.group || null, callid: f.callId || null, calldirection: f.direction || null,
    agent_id: call.agentId ?? null, channel: recording.channel, core_ident: recording.coreIdent,
    filename: recording.fileName, call_instance: call.instance, crm_user: f.crmUser || null, sys_user: f.sysUser || null,
    station_name: f.station || null, start_time: recording.startedAt, priority: recording.priority,
    keepdays: recording.retention.keepDays ?? null, archive_action_id: recording.retention.archiveAction ?? null,
    recording_type: recording.partial ? 'partial' : 'audio', blackouts: recording.blackouts, media_type: recording.mediaType,
  };
  f.users.forEach((value, i) => ((row as Record<string, unknown>)[`user${i + 1}`] = value || null));
  return row;
}
