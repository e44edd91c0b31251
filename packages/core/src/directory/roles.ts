import { ConflictError, type Role, type RoleRepository } from '../storage/index.js';
import { DirectoryError } from './directory-error.js';

/** A role as the role functions name one: ROLEID or ROLENAME. */
export interface RoleReference {
  readonly roleId?: number | undefined;
  readonly roleName?: string | undefined;
}

/** Whether a reference names a role at all. */
export function namesRole(ref: RoleReference): boolean {
  return ref.roleId !== undefined || ref.roleName !== undefined;
}

/** inContact WFO Roles (MODIFYROLE), and how every role function finds one. */
export class Roles {
  constructor(private readonly roles: RoleRepository) {}

  /**
   * The role a reference names: by ROLEID when sent (the ROLENAME is then
   * ignored), else by ROLENAME.
   * @throws DirectoryError ROLE_NOT_FOUND
   */
  async find(ref: RoleReference): Promise<Role> {
    const found = ref.roleId !== undefined
      ? await this.roles.findById(ref.roleId)
      : ref.roleName !== undefined ? await this.roles.findByName(ref.roleName) : undefined;
    if (found) return found;
    throw notFound(ref);
  }

  /**
   * MODIFYROLE ADD.
   * @throws DirectoryError ROLE_ALREADY_EXISTS, leaving the existing role as it was
   */
  async add(name: string, description?: string): Promise<Role> {
    const { role, created } = await this.roles.add(name, description ?? null);
    if (!created) throw alreadyExists(role.name, role.role_id);
    return role;
  }

  /**
   * MODIFYROLE MODIFY: a new name (`name`) and/or DESCRIPTION for the role `ref` names.
   * @returns the role as it is now
   * @throws DirectoryError ROLE_NOT_FOUND, or ROLE_ALREADY_EXISTS when another role has the new name
   */
  async modify(ref: RoleReference, changes: { name?: string | undefined; description?: string | undefined }): Promise<Role> {
    const role = await this.find(ref);
    const values = {
      ...(changes.name !== undefined && changes.name !== role.name ? { name: changes.name } : {}),
      ...(changes.description !== undefined && changes.description !== role.description ? { description: changes.description } : {}),
    };
    if (values.name !== undefined) {
      const holder = await this.roles.findByName(values.name);
      if (holder) throw alreadyExists(holder.name, holder.role_id);
    }
    try {
      if (!(await this.roles.modify(role.role_id, values))) throw notFound(ref);
    } catch (error) {
      if (error instanceof ConflictError) throw alreadyExists(error.key, error.existingId);
      throw error;
    }
    return { ...role, ...values };
  }

  /**
   * MODIFYROLE DELETE: the role goes, with its permissions, groups and user assignments.
   * @returns the role that was deleted
   * @throws DirectoryError ROLE_NOT_FOUND
   */
  async remove(ref: RoleReference): Promise<Role> {
    const role = await this.find(ref);
    if (!(await this.roles.remove(role.role_id))) throw notFound(ref);
    return role;
  }
}

function notFound(ref: RoleReference): DirectoryError {
  return new DirectoryError('ROLE_NOT_FOUND', `role ${ref.roleId !== undefined ? `ROLEID ${ref.roleId}` : ref.roleName ?? '(none)'} not found`);
}

function alreadyExists(name: string, roleId: number | undefined): DirectoryError {
  return new DirectoryError('ROLE_ALREADY_EXISTS', `role ${name} already exists${roleId === undefined ? '' : ` (ROLEID ${roleId})`}; nothing was changed`);
}
