import type { Clock } from '../clock.js';
import { ConflictError, type NewUser, type PhoneRepository, type User, type UserChanges, type UserListing, type UserRepository } from '../storage/index.js';
import { DirectoryError } from './directory-error.js';
import type { PasswordHashing } from './password-hasher.js';

/**
 * A user's fields as IMPORTUSER ADD and MODIFY send them; undefined means
 * "not sent" and leaves the stored value alone.
 */
export interface UserProfile {
  readonly username?: string | undefined;
  readonly employeeId?: string | undefined;
  readonly firstName?: string | undefined;
  readonly lastName?: string | undefined;
  /** A: active and flagged as an agent; I: inactive, not an agent (the manual's STATUS). */
  readonly status?: 'A' | 'I' | undefined;
  readonly sysUser?: string | undefined;
  /** DOMAIN (SYS_DOMAIN in LIST). */
  readonly domain?: string | undefined;
  readonly email?: string | undefined;
  readonly crmUser?: string | undefined;
  readonly siteId?: number | undefined;
  /** The agent's sign-on number in a free seating environment; CALLSTART by DEVICEALIAS finds their phone. */
  readonly deviceAlias?: string | undefined;
  /** Stored only as a slow salted hash. */
  readonly password?: string | undefined;
  /** PHONES: on ADD, the new user's phone IDs; on MODIFY, the user's phone IDs from now on. */
  readonly phones?: readonly string[] | undefined;
}

/** SITE_ID of a user added without one: what the real product lists for its built-in admin. */
export const NO_SITE = -1;

/**
 * IMPORTUSER: users added, changed and deleted by HR scripts that run every
 * night, so every action is exact and repeatable — an ADD of an existing user
 * and a MODIFY that changes nothing write nothing (MOD_TIME stays).
 */
export class UserDirectory {
  /** `hasher`: the server's bounded password hashing (PasswordHasher), shared with the WebAPI's logins. */
  constructor(private readonly deps: { users: UserRepository; phones: PhoneRepository; clock: Clock; hasher: PasswordHashing }) {}

  /**
   * IMPORTUSER ADD; `firstName` and `lastName` are required.
   * @returns the new USERID
   * @throws DirectoryError USER_ALREADY_EXISTS (same first and last name, or
   *   same USERNAME, as a live user) or PHONE_IN_USE; nothing is written
   */
  async add(profile: UserProfile & { firstName: string; lastName: string }): Promise<number> {
    const { users, clock } = this.deps;
    const same = (await users.findByName(profile.firstName, profile.lastName))
      ?? (profile.username === undefined ? undefined : await users.findByUsername(profile.username));
    if (same) throw alreadyExists(same);
    const user: NewUser = {
      ...columnsOf(profile),
      first_name: profile.firstName,
      last_name: profile.lastName,
      site_id: profile.siteId ?? NO_SITE,
      ...(profile.password === undefined ? {} : { password_hash: await this.deps.hasher.hash(profile.password) }),
    };
    try {
      return await users.add(user, clock.now(), profile.phones ?? []);
    } catch (error) {
      throw await this.refused(error);
    }
  }

  /**
   * IMPORTUSER MODIFY: changes the fields sent that differ from those stored.
   * @returns whether anything changed
   * @throws DirectoryError USER_NOT_FOUND, USER_ALREADY_EXISTS (the new name or
   *   USERNAME is another user's) or PHONE_IN_USE; nothing is written
   */
  async modify(userId: number, profile: UserProfile): Promise<{ changed: boolean }> {
    const { users, phones, clock } = this.deps;
    const current = await users.findById(userId);
    if (!current || current.deleted) throw notFound(userId);
    const changes = differences(current, columnsOf(profile));
    if (profile.password !== undefined && !(current.password_hash && (await this.deps.hasher.verify(profile.password, current.password_hash)))) {
      changes.password_hash = await this.deps.hasher.hash(profile.password);
    }
    const newPhones = profile.phones && !sameSet(profile.phones, await phones.phonesOf(userId)) ? profile.phones : undefined;
    if (Object.keys(changes).length === 0 && newPhones === undefined) return { changed: false };
    try {
      if (!(await users.modify(userId, changes, clock.now(), newPhones))) throw notFound(userId);
    } catch (error) {
      throw await this.refused(error);
    }
    return { changed: true };
  }

  /**
   * IMPORTUSER DELETE: the user is flagged deleted and their phone IDs are
   * freed; the row stays, so past recordings still name them.
   * @throws DirectoryError USER_NOT_FOUND (also for a user deleted before)
   */
  async remove(userId: number): Promise<void> {
    if (!(await this.deps.users.markDeleted(userId, this.deps.clock.now()))) throw notFound(userId);
  }

  /** IMPORTUSER LIST: every live user (the built-in admin too) with their phone IDs, by USERID. */
  list(): Promise<UserListing[]> {
    return this.deps.users.list();
  }

  /** A storage conflict as the DirectoryError the client gets. */
  private async refused(error: unknown): Promise<unknown> {
    if (!(error instanceof ConflictError)) return error;
    if (error.subject === 'phone') {
      const owner = error.existingId === undefined ? 'another agent' : `agent ${error.existingId}`;
      return new DirectoryError('PHONE_IN_USE', `phone ID ${error.key} is already assigned to ${owner}`);
    }
    const holder = error.existingId === undefined ? undefined : await this.deps.users.findById(error.existingId);
    return holder ? alreadyExists(holder) : new DirectoryError('USER_ALREADY_EXISTS', error.message);
  }
}

function columnsOf(profile: UserProfile): UserChanges {
  const columns: UserChanges = {
    username: profile.username,
    employee_id: profile.employeeId,
    first_name: profile.firstName,
    last_name: profile.lastName,
    sys_user: profile.sysUser,
    sys_domain: profile.domain,
    email: profile.email,
    crm_user: profile.crmUser,
    site_id: profile.siteId,
    device_alias: profile.deviceAlias,
    ...(profile.status === undefined ? {} : { status: profile.status, agent: profile.status === 'A' }),
  };
  for (const key of Object.keys(columns) as (keyof UserChanges)[]) if (columns[key] === undefined) delete columns[key];
  return columns;
}

function differences(current: User, wanted: UserChanges): UserChanges {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (current[key as keyof User] !== value) changes[key] = value;
  }
  return changes as UserChanges;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((item) => left.has(item));
}

function alreadyExists(user: User): DirectoryError {
  return new DirectoryError(
    'USER_ALREADY_EXISTS',
    `user ${user.first_name} ${user.last_name}${user.username ? ` (USERNAME ${user.username})` : ''} already exists as USERID ${user.user_id}; nothing was changed`,
  );
}

function notFound(userId: number): DirectoryError {
  return new DirectoryError('USER_NOT_FOUND', `user ${userId} not found`);
}
