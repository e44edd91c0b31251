import type { Generated } from 'kysely';

/**
 * The Callwire database: one interface per table, shared by SQLite and
 * PostgreSQL. Times are integer milliseconds since the UNIX epoch; yes/no
 * flags are integers 0/1 (SQLite has no boolean type).
 *
 * The migrations in `migrations/` create exactly these tables.
 */
export interface Database {
  recordings: RecordingTable;
  users: UserTable;
  agent_phones: AgentPhoneTable;
  groups: GroupTable;
  group_members: GroupMemberTable;
  group_devices: GroupDeviceTable;
  roles: RoleTable;
  role_permissions: RolePermissionTable;
  role_groups: RoleGroupTable;
  user_roles: UserRoleTable;
  stations: StationTable;
  terminology: TerminologyTable;
  channels: ChannelTable;
  agent_windows: AgentWindowTable;
  audit_log: AuditLogTable;
  call_details: CallDetailTable;
}

/** Life of a recording row: written 'open' at start, 'complete' at stop, 'interrupted' if the server died. */
export type RecordingState = 'open' | 'complete' | 'interrupted';

/**
 * The Recording table. The columns named in the manual under UNIQUEFIELD keep
 * their names (`mediaLabel` is `media_label`), plus what the engine needs.
 */
export interface RecordingTable {
  ident: Generated<number>;
  agent_id: number | null;
  ani: string | null;
  archive_action_id: number | null;
  audio_hash: string | null;
  audio_size: number | null;
  calldirection: string | null;
  callid: string | null;
  channel: number | null;
  device_alias: string | null;
  device_id: string;
  dnis: string | null;
  /** Seconds. */
  duration: number | null;
  filename: string | null;
  filename_video: string | null;
  gate: string | null;
  globalid: string | null;
  keepdays: number | null;
  locked: Generated<number>;
  listenedto: Generated<number>;
  media_label: string | null;
  overridden: Generated<number>;
  priority: number | null;
  qa_forms: Generated<number>;
  qa_group_id: number | null;
  qa_poss_score: number | null;
  qa_score: number | null;
  /** When the recording was made (ms); CALLLIST sorts and filters on it. */
  recording_time: number;
  recording_type: string | null;
  screen_capture: Generated<number>;
  /** The ACD group (GROUP in the API). */
  sgroup: string | null;
  user1: string | null;
  user2: string | null;
  user3: string | null;
  user4: string | null;
  user5: string | null;
  user6: string | null;
  user7: string | null;
  user8: string | null;
  user9: string | null;
  user10: string | null;
  user11: string | null;
  user12: string | null;
  user13: string | null;
  user14: string | null;
  user15: string | null;
  video_hash: string | null;
  video_size: number | null;
  /** Seconds. */
  wrap_duration: number | null;
  call_instance: string | null;
  core_ident: number | null;
  crm_user: string | null;
  sys_user: string | null;
  station_name: string | null;
  start_time: number;
  stop_time: number | null;
  state: Generated<RecordingState>;
  /** JSON array of blackout periods. */
  blackouts: Generated<string>;
  /** What the file holds, as its core declared it (`audio/wav` …); NULL for rows written before it was stored, which are WAV. */
  media_type: string | null;
}

export interface UserTable {
  user_id: Generated<number>;
  username: string | null;
  employee_id: string | null;
  first_name: string;
  last_name: string;
  agent: Generated<number>;
  status: Generated<'A' | 'I'>;
  deleted: Generated<number>;
  add_time: number | null;
  mod_time: number | null;
  sys_user: string | null;
  sys_domain: string | null;
  email: string | null;
  crm_user: string | null;
  site_id: number | null;
  password_hash: string | null;
  device_alias: string | null;
}

export interface AgentPhoneTable {
  phone_id: string;
  user_id: number;
}

export interface GroupTable {
  group_id: Generated<number>;
  name: string;
}

export interface GroupMemberTable {
  group_id: number;
  user_id: number;
}

export interface GroupDeviceTable {
  group_id: number;
  device_id: string;
}

export interface RoleTable {
  role_id: Generated<number>;
  name: string;
  description: string | null;
}

export interface RolePermissionTable {
  role_id: number;
  permission: string;
}

export interface RoleGroupTable {
  role_id: number;
  group_id: number;
}

export interface UserRoleTable {
  user_id: number;
  role_id: number;
}

export interface StationTable {
  station_name: string;
  device_id: string;
  location_id: number | null;
}

export interface TerminologyTable {
  name: string;
  value: string;
}

export interface ChannelTable {
  core_ident: number;
  channel_id: number;
  state: string;
  playback_extension: string | null;
  recording_device: string | null;
  recording_device_alias: string | null;
  last_state_change: number;
}

export interface AgentWindowTable {
  computer_name: string;
  username: string | null;
  domain: string | null;
  ip_address: string | null;
  status: string | null;
  application_title: string | null;
  last_update: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  who: string | null;
  action: string;
  detail: string | null;
  remote_address: string | null;
}

/** One SMDR / CDR record as received from the PBX. */
export interface CallDetailTable {
  id: Generated<number>;
  received_at: number;
  device_id: string | null;
  call_id: string | null;
  start_time: number | null;
  /** Seconds. */
  duration: number | null;
  ani: string | null;
  dnis: string | null;
  direction: string | null;
  account_code: string | null;
  raw: string;
  recording_ident: number | null;
}
