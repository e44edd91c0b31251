import type { Kysely } from 'kysely';
import { fit, fitValue } from '../column-sizes.js';
import { ConflictError, isUniqueViolation } from '../errors.js';
import type { Database } from '../schema.js';

/** An inContact WFO Role. */
export interface Role {
  role_id: number;
  name: string;
  description: string | null;
}

const ROLE_COLUMNS = ['role_id', 'name', 'description'] as const;

/**
 * Roles, their permissions and groups, and the users holding them
 * (MODIFYROLE, MODIFYROLEPERMISSION, MODIFYROLEGROUPPERMISSION, MODIFYUSERROLE).
 */
export class RoleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** MODIFYROLE ADD. If a role with the name exists it is returned unchanged with `created: false`. */
  async add(name: string, description: string | null = null): Promise<{ role: Role; created: boolean }> {
    const existing = await this.findByName(name);
    if (existing) return { role: existing, created: false };
    try {
      const role = await this.db
        .insertInto('roles')
        .values(fit('roles', { name, description }))
        .returning(ROLE_COLUMNS)
        .executeTakeFirstOrThrow();
      return { role, created: true };
    } catch (error) {
      const raced = isUniqueViolation(error) ? await this.findByName(name) : undefined;
      if (raced === undefined) throw error;
      return { role: raced, created: false };
    }
  }

  /**
   * MODIFYROLE MODIFY: rename and/or describe a role.
   * @returns false when the role does not exist
   * @throws ConflictError (subject 'role') when another role has the new name
   */
  async modify(roleId: number, changes: { name?: string; description?: string | null }): Promise<boolean> {
    const values = fit('roles', changes);
    if (values.name === undefined && values.description === undefined) return (await this.findById(roleId)) !== undefined;
    try {
      const result = await this.db.updateTable('roles').set(values).where('role_id', '=', roleId).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    } catch (error) {
      if (!isUniqueViolation(error) || values.name === undefined) throw error;
      const holder = await this.findByName(values.name);
      throw new ConflictError('role', values.name, holder?.role_id, `a role named "${values.name}" already exists`);
    }
  }

  /** MODIFYROLE DELETE: remove a role with its permissions, groups and user assignments. */
  async remove(roleId: number): Promise<boolean> {
    const result = await this.db.deleteFrom('roles').where('role_id', '=', roleId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** The role with this id. */
  async findById(roleId: number): Promise<Role | undefined> {
    return this.db.selectFrom('roles').select(ROLE_COLUMNS).where('role_id', '=', roleId).executeTakeFirst();
  }

  /** The role with exactly this name. */
  async findByName(name: string): Promise<Role | undefined> {
    return this.db.selectFrom('roles').select(ROLE_COLUMNS).where('name', '=', fitValue('roles', 'name', name)).executeTakeFirst();
  }

  /** All roles by id. */
  async list(): Promise<Role[]> {
    return this.db.selectFrom('roles').select(ROLE_COLUMNS).orderBy('role_id').execute();
  }

  /** MODIFYROLEPERMISSION ADD (repeats are harmless). */
  async addPermission(roleId: number, permission: string): Promise<void> {
    await this.db
      .insertInto('role_permissions')
      .values({ role_id: roleId, permission: fitValue('role_permissions', 'permission', permission) })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** MODIFYROLEPERMISSION DELETE; false when the role did not have it. */
  async removePermission(roleId: number, permission: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('role_permissions')
      .where('role_id', '=', roleId)
      .where('permission', '=', fitValue('role_permissions', 'permission', permission))
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** A role's permission names, sorted. */
  async permissionsOf(roleId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('role_permissions').select('permission').where('role_id', '=', roleId).orderBy('permission').execute();
    return rows.map((row) => row.permission);
  }

  /** MODIFYROLEGROUPPERMISSION ADD (repeats are harmless). */
  async addGroup(roleId: number, groupId: number): Promise<void> {
    await this.db.insertInto('role_groups').values({ role_id: roleId, group_id: groupId }).onConflict((oc) => oc.doNothing()).execute();
  }

  /** MODIFYROLEGROUPPERMISSION DELETE; false when the group was not on the role. */
  async removeGroup(roleId: number, groupId: number): Promise<boolean> {
    const result = await this.db.deleteFrom('role_groups').where('role_id', '=', roleId).where('group_id', '=', groupId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Ids of the groups assigned to a role. */
  async groupsOf(roleId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('role_groups').select('group_id').where('role_id', '=', roleId).orderBy('group_id').execute();
    return rows.map((row) => row.group_id);
  }

  /** MODIFYUSERROLE ADD (repeats are harmless). */
  async assignUser(userId: number, roleId: number): Promise<void> {
    await this.db.insertInto('user_roles').values({ user_id: userId, role_id: roleId }).onConflict((oc) => oc.doNothing()).execute();
  }

  /** MODIFYUSERROLE DELETE; false when the user did not have the role. */
  async unassignUser(userId: number, roleId: number): Promise<boolean> {
    const result = await this.db.deleteFrom('user_roles').where('user_id', '=', userId).where('role_id', '=', roleId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Roles a user holds. */
  async rolesOfUser(userId: number): Promise<Role[]> {
    return this.db
      .selectFrom('roles')
      .innerJoin('user_roles', 'user_roles.role_id', 'roles.role_id')
      .select(['roles.role_id', 'roles.name', 'roles.description'])
      .where('user_roles.user_id', '=', userId)
      .orderBy('roles.role_id')
      .execute();
  }

  /** Every permission a user has through their roles, sorted, without repeats. */
  async permissionsOfUser(userId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('role_permissions')
      .innerJoin('user_roles', 'user_roles.role_id', 'role_permissions.role_id')
      .select('role_permissions.permission')
      .distinct()
      .where('user_roles.user_id', '=', userId)
      .orderBy('role_permissions.permission')
      .execute();
    return rows.map((row) => row.permission);
  }
}
