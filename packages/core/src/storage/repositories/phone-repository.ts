import type { Kysely, Transaction } from 'kysely';
import { fitValue } from '../column-sizes.js';
import { ConflictError, isUniqueViolation } from '../errors.js';
import type { Database } from '../schema.js';
import { DirectoryChanges } from '../directory-cache.js';

/** Phone IDs associated with users (IMPORTAGENTPHONE). A phone ID has at most one owner. */
export class PhoneRepository {
  /** @param changes counts this repository's writes, for the DirectoryCache */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changes = new DirectoryChanges(),
  ) {}

  /**
   * Associate a phone ID with a user. Adding a phone the user already owns
   * changes nothing.
   * @throws ConflictError (subject 'phone', `existingId` = the owner) when another user owns it
   * @throws StorageError (QUERY_FAILED) when the user does not exist
   */
  add(phoneId: string, userId: number): Promise<void> {
    return this.changes.write(() => this.addPhone(phoneId, userId));
  }

  private async addPhone(phoneId: string, userId: number): Promise<void> {
    const phone = fitValue('agent_phones', 'phone_id', phoneId);
    try {
      await this.db.transaction().execute(async (trx) => {
        const owner = await trx.selectFrom('agent_phones').select('user_id').where('phone_id', '=', phone).executeTakeFirst();
        if (owner?.user_id === userId) return;
        if (owner !== undefined) throw taken(phone, owner.user_id);
        await trx.insertInto('agent_phones').values({ phone_id: phone, user_id: userId }).execute();
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const owner = await this.ownerOf(phone);
      if (owner === userId) return;
      throw taken(phone, owner);
    }
  }

  /**
   * Remove a phone ID association; with `userId`, only if that user owns it.
   * @returns false when there was no such association
   */
  delete(phoneId: string, userId?: number): Promise<boolean> {
    return this.changes.write(() => this.deletePhone(phoneId, userId));
  }

  private async deletePhone(phoneId: string, userId?: number): Promise<boolean> {
    let query = this.db.deleteFrom('agent_phones').where('phone_id', '=', fitValue('agent_phones', 'phone_id', phoneId));
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    const result = await query.executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** The user id that owns a phone ID. */
  async ownerOf(phoneId: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('agent_phones')
      .select('user_id')
      .where('phone_id', '=', fitValue('agent_phones', 'phone_id', phoneId))
      .executeTakeFirst();
    return row?.user_id;
  }

  /** A user's phone IDs, sorted. */
  async phonesOf(userId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('agent_phones').select('phone_id').where('user_id', '=', userId).orderBy('phone_id').execute();
    return rows.map((row) => row.phone_id);
  }
}

/**
 * Inside the caller's transaction, make `phones` belong to `userId` (phones it
 * already owns stay as they are). With `replace`, the user's other phones are
 * freed, so the user ends up with exactly `phones`.
 * @throws ConflictError (subject 'phone', `existingId` = the owner) when another
 *   user owns one of them; the caller's transaction then rolls everything back
 */
export async function claimPhones(
  trx: Transaction<Database>,
  userId: number,
  phones: readonly string[],
  replace: boolean,
): Promise<void> {
  const wanted = [...new Set(phones.map((phone) => fitValue('agent_phones', 'phone_id', phone)))];
  if (replace) {
    let free = trx.deleteFrom('agent_phones').where('user_id', '=', userId);
    if (wanted.length > 0) free = free.where('phone_id', 'not in', wanted);
    await free.execute();
  }
  if (wanted.length === 0) return;
  const owners = await trx.selectFrom('agent_phones').select(['phone_id', 'user_id']).where('phone_id', 'in', wanted).execute();
  const other = owners.find((owner) => owner.user_id !== userId);
  if (other !== undefined) throw taken(other.phone_id, other.user_id);
  const owned = new Set(owners.map((owner) => owner.phone_id));
  const fresh = wanted.filter((phone) => !owned.has(phone));
  if (fresh.length === 0) return;
  try {
    await trx.insertInto('agent_phones').values(fresh.map((phone_id) => ({ phone_id, user_id: userId }))).execute();
  } catch (error) {
    // Another writer took one of them between the check and the insert.
    if (isUniqueViolation(error)) throw taken(fresh.join(','), undefined);
    throw error;
  }
}

function taken(phoneId: string, ownerId: number | undefined): ConflictError {
  return new ConflictError('phone', phoneId, ownerId, `phone ID ${phoneId} is already assigned to user ${ownerId ?? '(unknown)'}`);
}
