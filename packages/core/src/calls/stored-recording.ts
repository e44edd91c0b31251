import type { Recording, RecordingUpdate } from '../storage/index.js';
import type { CallData } from './call-fields.js';

/** The Recording-table columns a call's data changes. */
export function recordingColumns(data: CallData): RecordingUpdate {
  const columns: Record<string, unknown> = {
    device_alias: data.deviceAlias, ani: data.ani, dnis: data.dnis, gate: data.gate, sgroup: data.group,
    callid: data.callId, calldirection: data.direction, crm_user: data.crmUser, sys_user: data.sysUser,
    station_name: data.stationName, keepdays: data.keepDays, archive_action_id: data.archiveAction,
  };
  data.users?.forEach((value, i) => (columns[`user${i + 1}`] = value));
  for (const key of Object.keys(columns)) if (columns[key] === undefined) delete columns[key];
  return columns as RecordingUpdate;
}

/** RECORDINGUPDATE's EVENTDATA for a stored recording. */
export function storedRecordingEventData(row: Recording): Record<string, string> {
  const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  return {
    GLOBALCALLID: text(row.callid),
    DEVICEID: row.device_id,
    KEEPDAYS: row.keepdays === null ? '-1' : String(row.keepdays),
    FILENAME: text(row.filename),
    RECORDID: String(row.ident),
    COREIDENT: text(row.core_ident),
    CALLINSTANCE: text(row.call_instance),
  };
}
