import type { Kysely, Selectable, Transaction } from 'kysely';
import { fit, fitValue } from '../column-sizes.js';
import { ConflictError, InvalidFieldError, isUniqueViolation } from '../errors.js';
import type { Database, UserTable } from '../schema.js';
import { claimPhones } from './phone-repository.js';
import { DirectoryChanges } from '../directory-cache.js';

/** A user as IMPORTUSER LIST describes one (field names as in the real product's reply). */
export interface User {
  user_id: number;
  username: string | null;
  employee_id: string | null;
  first_name: string;
  last_name: string;
  /** The "Agent" checkbox. */
  agent: boolean;
  /** 'A' active, 'I' inactive. */
  status: 'A' | 'I';
  /** Deleted users keep their row so past recordings still name them. */
  deleted: boolean;
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

/** A user plus the phone IDs associated with them (IMPORTUSER LIST's PHONES). */
export type UserListing = User & { phones: string[] };

/** What IMPORTUSER ADD supplies. */
export type NewUser = Pick<User, 'first_name' | 'last_name'> &
  Partial<Omit<User, 'user_id' | 'first_name' | 'last_name' | 'deleted' | 'add_time' | 'mod_time'>>;

/** What IMPORTUSER MODIFY may change. */
export type UserChanges = Partial<Omit<User, 'user_id' | 'deleted' | 'add_time' | 'mod_time'>>;

/** Columns a user can be looked up by. */
export const USER_LOOKUP_FIELDS = [
  'user_id', 'username', 'employee_id', 'first_name', 'last_name', 'sys_user', 'crm_user', 'email', 'device_alias',
] as const;
export type UserLookupField = (typeof USER_LOOKUP_FIELDS)[number];

const LOOKUP_ALIASES: Readonly<Record<string, UserLookupField>> = {
  userid: 'user_id',
  agentid: 'user_id',
  employeeid: 'employee_id',
  firstname: 'first_name',
  lastname: 'last_name',
  systemusername: 'sys_user',
  devicealias: 'device_alias',
};

/**
 * Users (IMPORTUSER). Lookups by name or other fields see live users only;
 * {@link findById} also returns deleted ones.
 */
export class UserRepository {
  /** @param changes counts this repository's writes, for the DirectoryCache */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changes = new DirectoryChanges(),
  ) {}

  /** A write, in one transaction, counted for the DirectoryCache. */
  private write<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.changes.write(() => this.db.transaction().execute(work));
  }

  /**
   * Add a user; `now` becomes ADD_TIME and MOD_TIME. `phones` are associated
   * with the new user in the same transaction (IMPORTUSER ADD's PHONES).
   * @throws ConflictError (subject 'user') when a live user has the same username
   *   or the same first and last name, (subject 'phone') when another user owns
   *   one of `phones`; either way nothing is written
   */
  async add(user: NewUser, now: number = Date.now(), phones: readonly string[] = []): Promise<number> {
    const values = fit('users', {
      ...toColumns(user),
      first_name: user.first_name,
      last_name: user.last_name,
      add_time: now,
      mod_time: now,
    });
    try {
      return await this.write(async (trx) => {
        await assertNoConflict(trx, values, undefined);
        const row = await trx.insertInto('users').values(values).returning('user_id').executeTakeFirstOrThrow();
        await claimPhones(trx, row.user_id, phones, false);
        return row.user_id;
      });
    } catch (error) {
      throw asConflict(error, `${user.first_name} ${user.last_name}`);
    }
  }

  /**
   * Change a live user's fields; MOD_TIME becomes `now`. When `phones` is
   * given, the user's phone IDs become exactly that list, in the same transaction.
   * @returns false when there is no live user with this id
   * @throws ConflictError when the new username or name belongs to another live
   *   user, or another user owns one of `phones`; nothing is written
   */
  async modify(userId: number, changes: UserChanges, now: number = Date.now(), phones?: readonly string[]): Promise<boolean> {
    const values = fit('users', { ...toColumns(changes), mod_time: now });
    try {
      return await this.write(async (trx) => {
        const current = await trx.selectFrom('users').selectAll().where('user_id', '=', userId).where('deleted', '=', 0).executeTakeFirst();
        if (current === undefined) return false;
        await assertNoConflict(trx, { ...current, ...values }, userId);
        await trx.updateTable('users').set(values).where('user_id', '=', userId).execute();
        if (phones !== undefined) await claimPhones(trx, userId, phones, true);
        return true;
      });
    } catch (error) {
      throw asConflict(error, String(userId));
    }
  }

  /**
   * IMPORTUSER DELETE: flag the user deleted and free all their phone IDs, in
   * one transaction. The row stays.
   * @returns false when there is no live user with this id
   */
  async markDeleted(userId: number, now: number = Date.now()): Promise<boolean> {
    return this.write(async (trx) => {
      const result = await trx
        .updateTable('users')
        .set({ deleted: 1, mod_time: now })
        .where('user_id', '=', userId)
        .where('deleted', '=', 0)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await trx.deleteFrom('agent_phones').where('user_id', '=', userId).execute();
      return true;
    });
  }

  /** The user with this id, deleted or not. */
  async findById(userId: number): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row && toUser(row);
  }

  /** The live user with this first and last name. */
  async findByName(firstName: string, lastName: string): Promise<User | undefined> {
    const row = await this.#live()
      .where('first_name', '=', fitValue('users', 'first_name', firstName))
      .where('last_name', '=', fitValue('users', 'last_name', lastName))
      .executeTakeFirst();
    return row && toUser(row);
  }

  /** The live user with this username. */
  async findByUsername(username: string): Promise<User | undefined> {
    return this.findBy('username', username);
  }

  /**
   * The first live user (lowest id) whose `field` equals `value`. `field` is
   * one of {@link USER_LOOKUP_FIELDS}, case-insensitive; API names such as
   * EMPLOYEEID, SYSTEMUSERNAME and AGENTID are accepted.
   * @throws InvalidFieldError for any other field
   */
  async findBy(field: string, value: string | number): Promise<User | undefined> {
    const column = userFieldFor(field);
    if (column === 'user_id') {
      const id = Number(value);
      if (!Number.isSafeInteger(id)) return undefined;
      const user = await this.findById(id);
      return user?.deleted === false ? user : undefined;
    }
    const row = await this.#live()
      .where(column, '=', fitValue('users', column, String(value)))
      .orderBy('user_id')
      .executeTakeFirst();
    return row && toUser(row);
  }

  /** All users with their phone IDs, by id; deleted users only when asked. */
  async list(options: { includeDeleted?: boolean } = {}): Promise<UserListing[]> {
    let query = this.db.selectFrom('users').selectAll().orderBy('user_id');
    if (options.includeDeleted !== true) query = query.where('deleted', '=', 0);
    const [rows, phones] = await Promise.all([
      query.execute(),
      this.db.selectFrom('agent_phones').select(['phone_id', 'user_id']).orderBy('phone_id').execute(),
    ]);
    const byUser = new Map<number, string[]>();
    for (const phone of phones) byUser.set(phone.user_id, [...(byUser.get(phone.user_id) ?? []), phone.phone_id]);
    return rows.map((row) => ({ ...toUser(row), phones: byUser.get(row.user_id) ?? [] }));
  }

  #live() {
    return this.db.selectFrom('users').selectAll().where('deleted', '=', 0);
  }
}

/** The user column a lookup field names, or throws {@link InvalidFieldError}. */
export function userFieldFor(field: string): UserLookupField {
  const key = field.trim().toLowerCase();
  const column = (USER_LOOKUP_FIELDS as readonly string[]).includes(key) ? (key as UserLookupField) : LOOKUP_ALIASES[key];
  if (column === undefined) throw new InvalidFieldError(field, USER_LOOKUP_FIELDS);
  return column;
}

type UserColumns = Partial<Omit<Selectable<UserTable>, 'user_id'>>;

async function assertNoConflict(trx: Transaction<Database>, user: UserColumns, self: number | undefined): Promise<void> {
  const others = trx.selectFrom('users').select('user_id').where('deleted', '=', 0).where('user_id', '!=', self ?? -1);
  if (user.username !== undefined && user.username !== null) {
    const same = await others.where('username', '=', user.username).executeTakeFirst();
    if (same) throw new ConflictError('user', user.username, same.user_id, `a user named "${user.username}" already exists`);
  }
  if (user.first_name !== undefined && user.last_name !== undefined) {
    const same = await others.where('first_name', '=', user.first_name).where('last_name', '=', user.last_name).executeTakeFirst();
    const name = `${user.first_name} ${user.last_name}`;
    if (same) throw new ConflictError('user', name, same.user_id, `a user "${name}" already exists`);
  }
}

function asConflict(error: unknown, key: string): unknown {
  if (!isUniqueViolation(error)) return error;
  return new ConflictError('user', key, undefined, `user "${key}" conflicts with an existing user`);
}

function toColumns(user: Partial<Omit<User, 'user_id'>>): UserColumns {
  const { agent, deleted, ...rest } = user;
  const columns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) columns[key] = value;
  if (agent !== undefined) columns['agent'] = agent ? 1 : 0;
  if (deleted !== undefined) columns['deleted'] = deleted ? 1 : 0;
  return columns as UserColumns;
}

function toUser(row: Selectable<UserTable>): User {
  return { ...row, agent: row.agent === 1, deleted: row.deleted === 1 };
}
