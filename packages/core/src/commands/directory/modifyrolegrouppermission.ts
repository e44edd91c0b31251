import { inject, injectable } from 'inversify';
import { DirectoryError } from '../../directory/directory-error.js';
import { RoleAssignments } from '../../directory/role-assignments.js';
import { namesRole } from '../../directory/roles.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { AdminPermission, ApiCommand } from '../api-command.js';
import { echoParameters, readAction, readRoleReference, required, requireOne } from './directory-request.js';

const PARAMETERS = ['ROLEID', 'ROLENAME', 'GROUPNAME', 'ACTION'] as const;

/**
 * MODIFYROLEGROUPPERMISSION: ADD or DELETE an inContact Group (GROUPNAME) on
 * a role (ROLEID or ROLENAME). A group that does not exist is answered the
 * way the manual's example shows: API_OK with "Group … does not exist or it
 * is not active", nothing changed. Echoes the parameters sent, with ROLEID
 * and ROLENAME filled in.
 */
@injectable()
export class ModifyRoleGroupPermissionCommand implements ApiCommand {
  readonly type = 'MODIFYROLEGROUPPERMISSION';

  /** Changes the directory: over TCP with auth.required only from server.api.adminAllow; over the WebAPI, a role with ALLOWGROUPADMIN. */
  administers(): AdminPermission {
    return 'ALLOWGROUPADMIN';
  }

  constructor(@inject(RoleAssignments) private readonly assignments: RoleAssignments) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const action = readAction(request, ['ADD', 'DELETE'] as const);
    const role = readRoleReference(request);
    requireOne(namesRole(role), 'MODIFYROLEGROUPPERMISSION needs ROLEID or ROLENAME');
    const { GROUPNAME: groupName } = required(request, 'MODIFYROLEGROUPPERMISSION', 'GROUPNAME');
    try {
      const change = action === 'ADD' ? await this.assignments.addGroup(role, groupName) : await this.assignments.removeGroup(role, groupName);
      const { name, role_id: roleId } = change.role;
      const message = action === 'ADD'
        ? `Group ${change.subject.name} is assigned to role ${name}`
        : change.changed ? `Group ${change.subject.name} is removed from role ${name}` : `Group ${change.subject.name} was not assigned to role ${name}`;
      return apiOk(message, echoParameters(request, PARAMETERS, { ROLEID: roleId, ROLENAME: name }));
    } catch (error) {
      if (!(error instanceof DirectoryError) || error.reason !== 'NO_GROUP') throw error;
      return apiOk(error.message, echoParameters(request, PARAMETERS));
    }
  }
}
