import type { Kysely, Selectable } from 'kysely';
import { fit, fitValue } from '../column-sizes.js';
import type { AuditLogTable, Database } from '../schema.js';

/** One audit log entry: who did what, when, from where. */
export type AuditEntry = Selectable<AuditLogTable>;

/** An entry to record; `who`, `detail` and `remote_address` may be left out. */
export type NewAuditEntry = Pick<AuditEntry, 'at' | 'action'> & Partial<Pick<AuditEntry, 'who' | 'detail' | 'remote_address'>>;

/** Which entries {@link AuditRepository.list} returns. */
export interface AuditFilter {
  /** Entries at or after this time (ms). */
  since?: number;
  /** Entries at or before this time (ms). */
  until?: number;
  action?: string;
  /** Entries of this user (`who`). */
  who?: string;
  limit?: number;
}

/** The audit log: append-only. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Append an entry; returns its id. */
  async record(entry: NewAuditEntry): Promise<number> {
    const row = await this.db
      .insertInto('audit_log')
      .values(fit('audit_log', { who: null, detail: null, remote_address: null, ...entry }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Entries newest first. */
  async list(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc');
    if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
    if (filter.until !== undefined) query = query.where('at', '<=', filter.until);
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.who !== undefined) query = query.where('who', '=', fitValue('audit_log', 'who', filter.who));
    if (filter.limit !== undefined) query = query.limit(Math.max(0, Math.floor(filter.limit)));
    return query.execute();
  }
}
