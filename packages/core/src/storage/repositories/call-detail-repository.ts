import type { Insertable, Kysely, Selectable } from 'kysely';
import { fit, fitValue } from '../column-sizes.js';
import type { CallDetailTable, Database } from '../schema.js';

/** One call detail record (SMDR/CDR line) received from a PBX. */
export type CallDetail = Selectable<CallDetailTable>;

/** A parsed record to store; `raw` keeps the line as received. */
export type NewCallDetail = Omit<Insertable<CallDetailTable>, 'id'>;

/** Which records {@link CallDetailRepository.list} returns; times (ms) apply to `received_at`, inclusive. */
export interface CallDetailFilter {
  deviceId?: string;
  from?: number;
  to?: number;
  limit?: number;
}

/** Call detail records, optionally linked to the recording of the same call. */
export class CallDetailRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Store a record; returns its id. */
  async add(detail: NewCallDetail): Promise<number> {
    const row = await this.db.insertInto('call_details').values(fit('call_details', detail)).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** Link a record to a recording IDENT; false when the record does not exist. */
  async linkRecording(id: number, recordingIdent: number): Promise<boolean> {
    const result = await this.db
      .updateTable('call_details')
      .set({ recording_ident: recordingIdent })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** The record with this id. */
  async findById(id: number): Promise<CallDetail | undefined> {
    return this.db.selectFrom('call_details').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Records linked to a recording. */
  async forRecording(recordingIdent: number): Promise<CallDetail[]> {
    return this.db.selectFrom('call_details').selectAll().where('recording_ident', '=', recordingIdent).orderBy('id').execute();
  }

  /** Records newest first. */
  async list(filter: CallDetailFilter = {}): Promise<CallDetail[]> {
    let query = this.db.selectFrom('call_details').selectAll().orderBy('received_at', 'desc').orderBy('id', 'desc');
    if (filter.deviceId !== undefined) query = query.where('device_id', '=', fitValue('call_details', 'device_id', filter.deviceId));
    if (filter.from !== undefined) query = query.where('received_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('received_at', '<=', filter.to);
    if (filter.limit !== undefined) query = query.limit(Math.max(0, Math.floor(filter.limit)));
    return query.execute();
  }
}
