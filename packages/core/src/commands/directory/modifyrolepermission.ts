import { inject, injectable } from 'inversify';
import { RoleAssignments } from '../../directory/role-assignments.js';
import { namesRole } from '../../directory/roles.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { AdminPermission, ApiCommand } from '../api-command.js';
import { echoParameters, readAction, readRoleReference, required, requireOne } from './directory-request.js';

const PARAMETERS = ['ROLEID', 'ROLENAME', 'PERMISSIONNAME', 'ACTION'] as const;

/**
 * MODIFYROLEPERMISSION: ADD or DELETE a permission of the manual's table
 * (PERMISSIONNAME) on a role (ROLEID or ROLENAME). Answers "Permission Added"
 * or "Permission Deleted", then the parameters sent with ROLEID and ROLENAME
 * filled in. An unknown name is API_PERMISSIONIDENT_NOT_FOUND; ALLOWQAEDIT
 * without ALLOWQAVIEW on the role is API_PARAMETERS_INVALID.
 */
@injectable()
export class ModifyRolePermissionCommand implements ApiCommand {
  readonly type = 'MODIFYROLEPERMISSION';

  /** Changes the directory: over TCP with auth.required only from server.api.adminAllow; over the WebAPI, a role with ALLOWAGENTADMIN. */
  administers(): AdminPermission {
    return 'ALLOWAGENTADMIN';
  }

  constructor(@inject(RoleAssignments) private readonly assignments: RoleAssignments) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const action = readAction(request, ['ADD', 'DELETE'] as const);
    const role = readRoleReference(request);
    requireOne(namesRole(role), 'MODIFYROLEPERMISSION needs ROLEID or ROLENAME');
    const { PERMISSIONNAME: name } = required(request, 'MODIFYROLEPERMISSION', 'PERMISSIONNAME');
    const change = action === 'ADD' ? await this.assignments.grantPermission(role, name) : await this.assignments.revokePermission(role, name);
    const message = action === 'ADD' ? 'Permission Added' : change.changed ? 'Permission Deleted' : `Role ${change.role.name} did not have ${change.subject.name}; nothing was changed`;
    return apiOk(message, echoParameters(request, PARAMETERS, { ROLEID: change.role.role_id, ROLENAME: change.role.name }));
  }
}
