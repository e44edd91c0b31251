import type { Kysely } from 'kysely';
import { fit, fitValue } from '../column-sizes.js';
import type { Database } from '../schema.js';

/** One terminology setting: the name a site uses for a field (FETCHTERMINOLOGY). */
export interface Term {
  name: string;
  value: string;
}

/** Terminology settings, e.g. `deviceid` → "Voice Port". */
export class TerminologyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** All settings by name. */
  async list(): Promise<Term[]> {
    return this.db.selectFrom('terminology').select(['name', 'value']).orderBy('name').execute();
  }

  /** The value of one setting. */
  async get(name: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('terminology')
      .select('value')
      .where('name', '=', fitValue('terminology', 'name', name))
      .executeTakeFirst();
    return row?.value;
  }

  /** Set one setting, adding or replacing it. */
  async set(name: string, value: string): Promise<void> {
    await this.setMany({ [name]: value });
  }

  /** Set several settings in one transaction (e.g. the `terminology` section of the config). */
  async setMany(terms: Readonly<Record<string, string>>): Promise<void> {
    const rows = Object.entries(terms).map(([name, value]) => fit('terminology', { name, value }));
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const row of rows) {
        await trx
          .insertInto('terminology')
          .values(row)
          .onConflict((oc) => oc.column('name').doUpdateSet({ value: row.value }))
          .execute();
      }
    });
  }

  /** Remove a setting; false when there was none. */
  async remove(name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('terminology').where('name', '=', fitValue('terminology', 'name', name)).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
