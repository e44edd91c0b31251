import type { Recording, RecordingUpdate } from '../storage/index.js';
import type { CallData } from './call-fields.js';

/** The Recording-table columns a call's data changes. */
export function recordingColumns(data: CallData): RecordingUpdate {
  const columns: Record<string, unknown> = {};
  // only what was sent (no `delete` afterwards: it turns the object into a slow dictionary)
  const set = (column: string, value: unknown) => value !== undefined && (columns[column] = value);
  set('device_alias', data.deviceAlias);
  set('ani', data.ani);
  set('dnis', data.dnis);
  set('gate', data.gate);
  set('sgroup', data.group);
  set('callid', data.callId);
  set('calldirection', data.direction);
  set('crm_user', data.crmUser);
  set('sys_user', data.sysUser);
  set('station_name', data.stationName);
  set('keepdays', data.keepDays);
  set('archive_action_id', data.archiveAction);
  data.users?.forEach((value, i) => set(`user${i + 1}`, value));
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
