import type { Insertable, Selectable } from 'kysely';
import { InvalidFieldError } from '../errors.js';
import type { RecordingTable } from '../schema.js';

/** A period in which a recording's audio is blacked out (ms since epoch; `stop` null while running). */
export interface BlackoutPeriod {
  start: number;
  stop: number | null;
}

/** A Recording row as stored. */
export type Recording = Omit<Selectable<RecordingTable>, 'blackouts'> & { blackouts: BlackoutPeriod[] };

/** What is known when recording starts; `recording_time` defaults to `start_time`. */
export type NewRecording = Omit<Insertable<RecordingTable>, 'ident' | 'state' | 'stop_time' | 'blackouts' | 'recording_time'> & {
  recording_time?: number;
  blackouts?: BlackoutPeriod[];
};

/** Fields a CALLUPDATE (or the engine) may change on a recording. */
export type RecordingUpdate = Partial<Omit<Insertable<RecordingTable>, 'ident' | 'state' | 'blackouts'>> & {
  blackouts?: BlackoutPeriod[];
};

/**
 * Fields known when recording stops; `duration` defaults to stop − start in
 * seconds. `interrupted`: the core did not confirm the stop (it died): the
 * row is closed as 'interrupted', with what the engine knows.
 */
export type RecordingCompletion = RecordingUpdate & { stop_time: number; interrupted?: boolean };

/** The Recording columns the manual lists under UNIQUEFIELD, as stored. */
export const RECORDING_UNIQUE_FIELDS = [
  'agent_id', 'ani', 'archive_action_id', 'audio_hash', 'audio_size',
  'calldirection', 'callid', 'channel', 'device_alias', 'device_id',
  'dnis', 'duration', 'filename', 'filename_video', 'gate',
  'globalid', 'ident', 'keepdays', 'locked', 'listenedto',
  'media_label', 'overridden', 'priority', 'qa_forms', 'qa_group_id',
  'qa_poss_score', 'qa_score', 'recording_time', 'recording_type', 'screen_capture',
  'sgroup', 'user1', 'user2', 'user3', 'user4',
  'user5', 'user6', 'user7', 'user8', 'user9',
  'user10', 'user11', 'user12', 'user13', 'user14',
  'user15', 'video_hash', 'video_size', 'wrap_duration',
] as const satisfies readonly (keyof RecordingTable)[];

/** A column {@link RecordingRepository.findLatestBy} may search. */
export type RecordingUniqueField = (typeof RECORDING_UNIQUE_FIELDS)[number];

/** Spellings from the manual and API parameter names that name a Recording column. */
const ALIASES: Readonly<Record<string, RecordingUniqueField>> = {
  medialabel: 'media_label',
  deviceid: 'device_id',
  devicealias: 'device_alias',
  group: 'sgroup',
  agentid: 'agent_id',
  recordid: 'ident',
};

const NUMERIC_FIELDS: ReadonlySet<RecordingUniqueField> = new Set<RecordingUniqueField>([
  'agent_id', 'archive_action_id', 'audio_size', 'channel', 'duration', 'ident', 'keepdays',
  'locked', 'listenedto', 'overridden', 'priority', 'qa_forms', 'qa_group_id', 'qa_poss_score',
  'qa_score', 'recording_time', 'screen_capture', 'video_size', 'wrap_duration',
]);

const KNOWN: ReadonlySet<string> = new Set(RECORDING_UNIQUE_FIELDS);

/**
 * The Recording column a UNIQUEFIELD names, case-insensitively
 * (`Calldirection`, `mediaLabel`, `DEVICEID`…), or undefined if it names none.
 */
export function recordingFieldFor(name: string): RecordingUniqueField | undefined {
  const key = name.trim().toLowerCase();
  if (KNOWN.has(key)) return key as RecordingUniqueField;
  return ALIASES[key];
}

/** Like {@link recordingFieldFor} but throws {@link InvalidFieldError} for unknown names. */
export function requireRecordingField(name: string): RecordingUniqueField {
  const field = recordingFieldFor(name);
  if (field === undefined) throw new InvalidFieldError(name, RECORDING_UNIQUE_FIELDS);
  return field;
}

/**
 * The value to compare with `field`: numeric columns take integers only, so
 * `undefined` means "no row can match" (rather than a database type error).
 */
export function comparableValue(field: RecordingUniqueField, value: string | number): string | number | undefined {
  if (!NUMERIC_FIELDS.has(field)) return String(value);
  const text = String(value).trim();
  if (!/^-?\d+$/.test(text)) return undefined;
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : undefined;
}

/** Parse the stored blackouts JSON; anything unreadable counts as none. */
export function parseBlackouts(text: string | null): BlackoutPeriod[] {
  if (text === null || text === '') return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isBlackout) : [];
  } catch {
    return [];
  }
}

function isBlackout(value: unknown): value is BlackoutPeriod {
  const period = value as BlackoutPeriod | null;
  return (
    typeof period === 'object' && period !== null && typeof period.start === 'number' &&
    (period.stop === null || typeof period.stop === 'number')
  );
}
