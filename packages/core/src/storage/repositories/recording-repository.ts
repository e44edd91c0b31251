import { sql, type Kysely, type QueryResult, type Selectable } from 'kysely';
import { dialectOf } from '../dialect.js';
import type { Connection } from '../connect.js';
import { fitValue } from '../column-sizes.js';
import { WriteBatcher } from '../write-batcher.js';
import { RecordingColumns, RecordingStatements } from './recording-statements.js';
import type { Database, RecordingState, RecordingTable } from '../schema.js';
import {
  comparableValue,
  parseBlackouts,
  requireRecordingField,
  type NewRecording,
  type Recording,
  type RecordingCompletion,
  type RecordingUpdate,
} from './recording-fields.js';

type UserField = `user${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15}`;

/** CALLLIST criteria, combined with AND. Times are ms since epoch, inclusive. */
export type RecordingFilter = {
  deviceId?: string;
  deviceAlias?: string;
  ani?: string;
  dnis?: string;
  group?: string;
  gate?: string;
  crmUser?: string;
  sysUser?: string;
  callId?: string;
  /** Recordings of any of these agents (users.user_id). */
  agentIds?: readonly number[];
  from?: number;
  to?: number;
  state?: RecordingState;
  /** At most this many rows (CALLCOUNT); all when omitted. */
  limit?: number;
} & { [F in UserField]?: string };

const FILTER_COLUMNS = {
  deviceId: 'device_id',
  deviceAlias: 'device_alias',
  ani: 'ani',
  dnis: 'dnis',
  group: 'sgroup',
  gate: 'gate',
  crmUser: 'crm_user',
  sysUser: 'sys_user',
  callId: 'callid',
} as const satisfies Partial<Record<keyof RecordingFilter, keyof RecordingTable>>;

/** A CALLLIST row: the recording and its agent's names (null when no agent or unknown). */
export type RecordingWithAgent = Recording & { agent_first_name: string | null; agent_last_name: string | null };

const USER_FIELDS = Array.from({ length: 15 }, (_, i) => `user${i + 1}` as UserField);

/**
 * The Recording table. A row is written when recording starts ({@link insertOpen})
 * and completed when it stops ({@link complete}), so a crash never loses a
 * recording; {@link closeInterrupted} settles rows left open by a crash.
 */
export class RecordingRepository {
  /** The writes made while calls come and go share commits (group commit). */
  private readonly writes: WriteBatcher;

  private readonly statements: RecordingStatements;

  /** @param connection where the hot writes' texts are prepared (PostgreSQL), and how many commits they may have in flight */
  constructor(private readonly db: Kysely<Database>, connection: Partial<Pick<Connection, 'prepared' | 'writeLanes'>> = {}) {
    this.writes = new WriteBatcher(db, { lanes: connection.writeLanes ?? 1 });
    this.statements = new RecordingStatements(dialectOf(db), connection.prepared);
  }

  /** Write the row for a recording that has just started; returns its IDENT. */
  async insertOpen({ blackouts, ...fields }: NewRecording): Promise<number> {
    const row = new RecordingColumns(fields)
      .set('recording_time', fields.recording_time === undefined ? fields.start_time : undefined)
      .set('state', 'open')
      .set('blackouts', blackouts ?? []);
    const insert = this.statements.insert(row);
    const { rows } = await this.writes.run((trx) => trx.executeQuery(insert));
    return rows[0]!.ident;
  }

  /**
   * Mark an open recording complete with what is known at stop (file, sizes…).
   * `duration` defaults to whole seconds from start to stop.
   * @returns false when no open recording has this IDENT
   */
  async complete(ident: number, { interrupted, duration, ...fields }: RecordingCompletion): Promise<boolean> {
    const changes = new RecordingColumns(fields).set('duration', duration ?? undefined).set('state', interrupted ? 'interrupted' : 'complete');
    const update = this.statements.update(ident, changes, { stopTime: fields.stop_time });
    return updated(await this.writes.run((trx) => trx.executeQuery(update), ident));
  }

  /**
   * Change fields of a recording in any state (CALLUPDATE, post-recording updates).
   * @returns false when no recording has this IDENT
   */
  async update(ident: number, fields: RecordingUpdate): Promise<boolean> {
    const changes = new RecordingColumns(fields);
    if (changes.names.length === 0) return (await this.findByIdent(ident)) !== undefined;
    const update = this.statements.update(ident, changes);
    return updated(await this.writes.run((trx) => trx.executeQuery(update), ident));
  }

  /** The recording with this IDENT. */
  async findByIdent(ident: number): Promise<Recording | undefined> {
    const row = await this.db.selectFrom('recordings').selectAll().where('ident', '=', ident).executeTakeFirst();
    return row && toRecording(row);
  }

  /**
   * The most recent recording whose `field` equals `value` — the UNIQUEFIELD /
   * UNIQUEID lookup. `field` is a Recording column from the manual's list
   * (case-insensitive; `mediaLabel` and API names such as DEVICEID accepted).
   * @throws InvalidFieldError for any other column
   */
  async findLatestBy(field: string, value: string | number): Promise<Recording | undefined> {
    const column = requireRecordingField(field);
    const comparable = comparableValue(column, value);
    if (comparable === undefined) return undefined;
    const row = await this.db
      .selectFrom('recordings')
      .selectAll()
      .where(column, '=', fitValue('recordings', column, comparable))
      .orderBy('recording_time', 'desc')
      .orderBy('ident', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toRecording(row);
  }

  /**
   * Recordings of a device whose span [start_time, stop_time] overlaps
   * [from, to] (an open recording counts as still running), newest first —
   * how a call detail record that arrives after the call finds its recording.
   */
  async findOverlapping(deviceId: string, from: number, to: number): Promise<Recording[]> {
    const rows = await this.db
      .selectFrom('recordings')
      .selectAll()
      .where('device_id', '=', deviceId)
      .where('start_time', '<=', to)
      .where((eb) => eb.or([eb('stop_time', 'is', null), eb('stop_time', '>=', from)]))
      .orderBy('start_time', 'desc')
      .limit(10)
      .execute();
    return rows.map(toRecording);
  }

  /** The newest recording made on a device (for UPDATE_IF_NOT_RECORDING). */
  async lastForDevice(deviceId: string): Promise<Recording | undefined> {
    return this.findLatestBy('device_id', deviceId);
  }

  /** Recordings matching every given criterion, newest first (CALLLIST). */
  async list(filter: RecordingFilter = {}): Promise<Recording[]> {
    const rows = await this.#filtered(filter).execute();
    return rows.map(toRecording);
  }

  /**
   * CALLLIST's rows: {@link list} plus the first and last name of each row's
   * agent (users.user_id = agent_id), looked up once per distinct agent.
   */
  async listWithAgents(filter: RecordingFilter = {}): Promise<RecordingWithAgent[]> {
    const rows = await this.list(filter);
    const agentIds = [...new Set(rows.map((row) => row.agent_id).filter((id): id is number => id !== null))];
    const agents = agentIds.length === 0 ? [] : await this.db
      .selectFrom('users')
      .select(['user_id', 'first_name', 'last_name'])
      .where('user_id', 'in', agentIds)
      .execute();
    const byId = new Map(agents.map((agent) => [agent.user_id, agent]));
    return rows.map((row) => {
      const agent = row.agent_id === null ? undefined : byId.get(row.agent_id);
      return { ...row, agent_first_name: agent?.first_name ?? null, agent_last_name: agent?.last_name ?? null };
    });
  }

  #filtered(filter: RecordingFilter) {
    let query = this.db.selectFrom('recordings').selectAll();
    for (const [key, column] of Object.entries(FILTER_COLUMNS) as [keyof typeof FILTER_COLUMNS, keyof RecordingTable][]) {
      const value = filter[key];
      if (value !== undefined) query = query.where(`recordings.${column}`, '=', fitValue('recordings', column, value));
    }
    for (const column of USER_FIELDS) {
      const value = filter[column];
      if (value !== undefined) query = query.where(`recordings.${column}`, '=', fitValue('recordings', column, value));
    }
    if (filter.agentIds !== undefined) query = filter.agentIds.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('recordings.agent_id', 'in', [...filter.agentIds]);
    if (filter.from !== undefined) query = query.where('recordings.recording_time', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('recordings.recording_time', '<=', filter.to);
    if (filter.state !== undefined) query = query.where('recordings.state', '=', filter.state);
    query = query.orderBy('recordings.recording_time', 'desc').orderBy('recordings.ident', 'desc');
    if (filter.limit !== undefined) query = query.limit(Math.max(0, Math.floor(filter.limit)));
    return query;
  }

  /**
   * Recordings started in each minute of [from, to) (ms), and the calls
   * they belong to (a call recorded by several cores counts once: one
   * device and call instance per minute), oldest minute first; minutes
   * with none are left out. `minute` is the minute's start in ms.
   */
  async countsPerMinute(from: number, to: number): Promise<{ minute: number; recordings: number; calls: number }[]> {
    const minute = sql<number>`cast(start_time / 60000 as integer)`;
    const rows = await this.db
      .selectFrom('recordings')
      .select([
        minute.as('minute'),
        (eb) => eb.fn.countAll<number>().as('recordings'),
        sql<number>`count(distinct device_id || ':' || coalesce(call_instance, ''))`.as('calls'),
      ])
      .where('start_time', '>=', from)
      .where('start_time', '<', to)
      .groupBy(minute)
      .orderBy(minute)
      .execute();
    return rows.map((row) => ({ minute: Number(row.minute) * 60000, recordings: Number(row.recordings), calls: Number(row.calls) }));
  }

  /**
   * After a restart: mark every recording still 'open' as 'interrupted',
   * stopped at `now` (duration from start, unless known).
   * @returns how many rows were closed
   */
  async closeInterrupted(now: number): Promise<number> {
    const result = await this.db
      .updateTable('recordings')
      .set({
        state: 'interrupted',
        stop_time: now,
        duration: sql<number>`coalesce(duration, ${wholeSecondsSinceStart(now)})`,
      })
      .where('state', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}

/**
 * Whole seconds from `start_time` to `time`, computed by the database. The
 * cast matters: SQLite receives JS numbers as REAL and would divide exactly.
 */
function wholeSecondsSinceStart(time: number) {
  return sql<number>`cast((${time} - start_time) / 1000 as integer)`;
}

/** True when an UPDATE changed a row. */
function updated(result: QueryResult<unknown>): boolean {
  return (result.numAffectedRows ?? 0n) > 0n;
}

function toRecording(row: Selectable<RecordingTable>): Recording {
  return { ...row, blackouts: parseBlackouts(row.blackouts) };
}
