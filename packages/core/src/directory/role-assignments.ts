import type { Group, GroupRepository, Role, RoleRepository, User } from '../storage/index.js';
import { DirectoryError } from './directory-error.js';
import { rolePermission, ROLE_PERMISSIONS, type RolePermission } from './role-permission-table.js';
import type { RoleReference, Roles } from './roles.js';
import type { UserLookup, UserReference } from './user-lookup.js';

/** What a role was given or lost, and whether that changed anything. */
export interface RoleChange<T> {
  readonly role: Role;
  readonly subject: T;
  /** False when the role already was as asked (repeats are harmless). */
  readonly changed: boolean;
}

/**
 * What a role grants: permissions (MODIFYROLEPERMISSION), inContact Groups
 * (MODIFYROLEGROUPPERMISSION) and the users holding it (MODIFYUSERROLE).
 */
export class RoleAssignments {
  constructor(
    private readonly deps: { roles: Roles; roleRepository: RoleRepository; groups: GroupRepository; lookup: UserLookup },
  ) {}

  /**
   * MODIFYROLEPERMISSION ADD.
   * @throws DirectoryError ROLE_NOT_FOUND, PERMISSION_NOT_FOUND, or
   *   PERMISSION_DEPENDENCY when the permission needs one the role lacks
   *   (ALLOWQAEDIT needs ALLOWQAVIEW)
   */
  async grantPermission(ref: RoleReference, name: string): Promise<RoleChange<RolePermission>> {
    const role = await this.deps.roles.find(ref);
    const permission = known(name);
    const held = await this.deps.roleRepository.permissionsOf(role.role_id);
    if (permission.requires !== undefined && !held.includes(permission.requires)) {
      throw new DirectoryError('PERMISSION_DEPENDENCY', `${permission.name} cannot be granted unless the role also has ${permission.requires}; role ${role.name} does not`);
    }
    if (held.includes(permission.name)) return { role, subject: permission, changed: false };
    await this.deps.roleRepository.addPermission(role.role_id, permission.name);
    return { role, subject: permission, changed: true };
  }

  /**
   * MODIFYROLEPERMISSION DELETE.
   * @throws DirectoryError ROLE_NOT_FOUND, PERMISSION_NOT_FOUND, or
   *   PERMISSION_DEPENDENCY while the role holds a permission that needs this one
   */
  async revokePermission(ref: RoleReference, name: string): Promise<RoleChange<RolePermission>> {
    const role = await this.deps.roles.find(ref);
    const permission = known(name);
    const held = await this.deps.roleRepository.permissionsOf(role.role_id);
    const dependent = ROLE_PERMISSIONS.find((p) => p.requires === permission.name && held.includes(p.name));
    if (dependent) {
      throw new DirectoryError('PERMISSION_DEPENDENCY', `${permission.name} cannot be removed while role ${role.name} has ${dependent.name}, which needs it`);
    }
    const changed = await this.deps.roleRepository.removePermission(role.role_id, permission.name);
    return { role, subject: permission, changed };
  }

  /**
   * MODIFYROLEGROUPPERMISSION ADD: the group's members and devices become visible to the role.
   * @throws DirectoryError ROLE_NOT_FOUND or NO_GROUP
   */
  async addGroup(ref: RoleReference, groupName: string): Promise<RoleChange<Group>> {
    const role = await this.deps.roles.find(ref);
    const group = await this.group(groupName);
    const changed = !(await this.deps.roleRepository.groupsOf(role.role_id)).includes(group.group_id);
    await this.deps.roleRepository.addGroup(role.role_id, group.group_id);
    return { role, subject: group, changed };
  }

  /**
   * MODIFYROLEGROUPPERMISSION DELETE.
   * @throws DirectoryError ROLE_NOT_FOUND or NO_GROUP
   */
  async removeGroup(ref: RoleReference, groupName: string): Promise<RoleChange<Group>> {
    const role = await this.deps.roles.find(ref);
    const group = await this.group(groupName);
    const changed = await this.deps.roleRepository.removeGroup(role.role_id, group.group_id);
    return { role, subject: group, changed };
  }

  /**
   * MODIFYUSERROLE ADD.
   * @throws DirectoryError ROLE_NOT_FOUND or USER_NOT_FOUND
   */
  async assignUser(ref: RoleReference, userRef: UserReference): Promise<RoleChange<User>> {
    const role = await this.deps.roles.find(ref);
    const user = await this.deps.lookup.user(userRef);
    const changed = !(await this.deps.roleRepository.rolesOfUser(user.user_id)).some((r) => r.role_id === role.role_id);
    await this.deps.roleRepository.assignUser(user.user_id, role.role_id);
    return { role, subject: user, changed };
  }

  /**
   * MODIFYUSERROLE DELETE.
   * @throws DirectoryError ROLE_NOT_FOUND or USER_NOT_FOUND
   */
  async unassignUser(ref: RoleReference, userRef: UserReference): Promise<RoleChange<User>> {
    const role = await this.deps.roles.find(ref);
    const user = await this.deps.lookup.user(userRef);
    const changed = await this.deps.roleRepository.unassignUser(user.user_id, role.role_id);
    return { role, subject: user, changed };
  }

  private async group(name: string): Promise<Group> {
    const group = await this.deps.groups.findByName(name);
    if (group) return group;
    throw new DirectoryError('NO_GROUP', `Group ${name} does not exist or it is not active`);
  }
}

function known(name: string): RolePermission {
  const permission = rolePermission(name);
  if (permission) return permission;
  throw new DirectoryError('PERMISSION_NOT_FOUND', `${name} is not a permission name (see the MODIFYROLEPERMISSION table)`);
}
