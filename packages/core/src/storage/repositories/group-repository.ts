import type { Kysely } from 'kysely';
import { fitValue } from '../column-sizes.js';
import { isUniqueViolation } from '../errors.js';
import type { Database } from '../schema.js';

/** An inContact Group. */
export interface Group {
  group_id: number;
  name: string;
}

/** Who or what a group permission is about (MODIFYGROUPPERMISSION). */
export interface GroupAssignment {
  userId?: number;
  deviceId?: string;
}

/** Groups, their member agents and their devices (ADDGROUP, MODIFYGROUPPERMISSION). */
export class GroupRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * ADDGROUP: add a group by name. If one with that name exists it is
   * returned unchanged with `created: false`.
   */
  async add(name: string): Promise<{ group: Group; created: boolean }> {
    const existing = await this.findByName(name);
    if (existing) return { group: existing, created: false };
    try {
      const group = await this.db
        .insertInto('groups')
        .values({ name: fitValue('groups', 'name', name) })
        .returning(['group_id', 'name'])
        .executeTakeFirstOrThrow();
      return { group, created: true };
    } catch (error) {
      const raced = isUniqueViolation(error) ? await this.findByName(name) : undefined;
      if (raced === undefined) throw error;
      return { group: raced, created: false };
    }
  }

  /** The group with this id. */
  async findById(groupId: number): Promise<Group | undefined> {
    return this.db.selectFrom('groups').select(['group_id', 'name']).where('group_id', '=', groupId).executeTakeFirst();
  }

  /** The group with exactly this name. */
  async findByName(name: string): Promise<Group | undefined> {
    return this.db
      .selectFrom('groups')
      .select(['group_id', 'name'])
      .where('name', '=', fitValue('groups', 'name', name))
      .executeTakeFirst();
  }

  /** All groups by id. */
  async list(): Promise<Group[]> {
    return this.db.selectFrom('groups').select(['group_id', 'name']).orderBy('group_id').execute();
  }

  /** Remove a group with its memberships, device assignments and role links. */
  async remove(groupId: number): Promise<boolean> {
    const result = await this.db.deleteFrom('groups').where('group_id', '=', groupId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** MODIFYGROUPPERMISSION ADD: put an agent and/or a device in a group (one transaction; repeats are harmless). */
  async assign(groupId: number, assignment: GroupAssignment): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (assignment.userId !== undefined) {
        await trx
          .insertInto('group_members')
          .values({ group_id: groupId, user_id: assignment.userId })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      if (assignment.deviceId !== undefined) {
        await trx
          .insertInto('group_devices')
          .values({ group_id: groupId, device_id: fitValue('group_devices', 'device_id', assignment.deviceId) })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    });
  }

  /**
   * MODIFYGROUPPERMISSION DELETE: take an agent and/or a device out of a group.
   * @returns false when nothing was assigned
   */
  async unassign(groupId: number, assignment: GroupAssignment): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      let removed = 0n;
      if (assignment.userId !== undefined) {
        const result = await trx
          .deleteFrom('group_members')
          .where('group_id', '=', groupId)
          .where('user_id', '=', assignment.userId)
          .executeTakeFirst();
        removed += result.numDeletedRows;
      }
      if (assignment.deviceId !== undefined) {
        const result = await trx
          .deleteFrom('group_devices')
          .where('group_id', '=', groupId)
          .where('device_id', '=', fitValue('group_devices', 'device_id', assignment.deviceId))
          .executeTakeFirst();
        removed += result.numDeletedRows;
      }
      return removed > 0n;
    });
  }

  /** User ids of a group's members. */
  async membersOf(groupId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).orderBy('user_id').execute();
    return rows.map((row) => row.user_id);
  }

  /** Device ids assigned to a group. */
  async devicesOf(groupId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('group_devices').select('device_id').where('group_id', '=', groupId).orderBy('device_id').execute();
    return rows.map((row) => row.device_id);
  }

  /** Groups a user belongs to. */
  async groupsOfUser(userId: number): Promise<Group[]> {
    return this.db
      .selectFrom('groups')
      .innerJoin('group_members', 'group_members.group_id', 'groups.group_id')
      .select(['groups.group_id', 'groups.name'])
      .where('group_members.user_id', '=', userId)
      .orderBy('groups.group_id')
      .execute();
  }

  /** Groups a device is assigned to. */
  async groupsOfDevice(deviceId: string): Promise<Group[]> {
    return this.db
      .selectFrom('groups')
      .innerJoin('group_devices', 'group_devices.group_id', 'groups.group_id')
      .select(['groups.group_id', 'groups.name'])
      .where('group_devices.device_id', '=', fitValue('group_devices', 'device_id', deviceId))
      .orderBy('groups.group_id')
      .execute();
  }
}
