import type { Database } from './schema.js';

type SizeMap = { [T in keyof Database]?: { [C in keyof Database[T]]?: number } };

const userFieldSizes = {
  user1: 20, user2: 20, user3: 20,
  user4: 255, user5: 255, user6: 255, user7: 255, user8: 255,
  user9: 50, user10: 50, user11: 50, user12: 50, user13: 50, user14: 50, user15: 50,
} as const;

/**
 * Maximum length (in characters) of every varchar column, from the manual's
 * "Data Type Values" where it gives one (the widest where functions disagree,
 * e.g. CALLID is char(16) for CALLSTART but char(30) for DEVICESTATUS).
 *
 * Writes are checked against these sizes by {@link fit} before they reach the
 * database, so SQLite (which ignores varchar sizes) and PostgreSQL (which
 * rejects overlong values) behave the same: an overlong value is refused with
 * a ValueTooLongError naming the column, never cut.
 */
export const COLUMN_SIZES = {
  recordings: {
    ani: 20, dnis: 20, gate: 20, sgroup: 20,
    device_id: 64, device_alias: 15, callid: 30, calldirection: 1,
    ...userFieldSizes,
    filename: 255, filename_video: 255, audio_hash: 64, video_hash: 64,
    globalid: 64, media_label: 255, recording_type: 20,
    call_instance: 64, crm_user: 50, sys_user: 255, station_name: 50, media_type: 100,
  },
  users: {
    username: 255, employee_id: 20, first_name: 20, last_name: 30,
    sys_user: 255, sys_domain: 30, email: 255, crm_user: 50,
    password_hash: 255, device_alias: 15,
  },
  agent_phones: { phone_id: 64 },
  groups: { name: 255 },
  group_devices: { device_id: 64 },
  roles: { name: 255, description: 255 },
  role_permissions: { permission: 64 },
  stations: { station_name: 50, device_id: 64 },
  terminology: { name: 255, value: 255 },
  channels: { state: 32, playback_extension: 64, recording_device: 64, recording_device_alias: 15 },
  agent_windows: {
    computer_name: 255, username: 255, domain: 255, ip_address: 255, status: 255, application_title: 255,
  },
  audit_log: { who: 255, action: 64, remote_address: 64 },
  call_details: { device_id: 64, call_id: 64, ani: 64, dnis: 64, direction: 1, account_code: 64 },
} as const satisfies SizeMap;

/**
 * A value longer than its column. The API refuses such values before they get
 * here (API_PARAMETERS_INVALID); storage refuses them too rather than cutting,
 * so nothing is ever stored truncated on either engine.
 */
export class ValueTooLongError extends Error {
  override readonly name = 'ValueTooLongError';

  constructor(readonly column: string, readonly length: number, readonly limit: number) {
    super(`${column} is ${length} characters; the column holds ${limit}`);
  }
}

function check(table: keyof typeof COLUMN_SIZES, column: string, value: unknown): void {
  const size = (COLUMN_SIZES[table] as Readonly<Record<string, number>>)[column];
  if (typeof value !== 'string' || size === undefined || value.length <= size) return;
  const length = Array.from(value).length;
  if (length > size) throw new ValueTooLongError(`${table}.${column}`, length, size);
}

/** Returns `values` unchanged after checking every string against its column's size in `table`. */
export function fit<T extends object>(table: keyof typeof COLUMN_SIZES, values: T): T {
  for (const [column, value] of Object.entries(values)) check(table, column, value);
  return values;
}

/** Returns one value for `table.column` unchanged after checking its size. */
export function fitValue<V>(table: keyof typeof COLUMN_SIZES, column: string, value: V): V {
  check(table, column, value);
  return value;
}
