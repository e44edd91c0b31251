import { inject, injectable } from 'inversify';
import { RoleAssignments } from '../../directory/role-assignments.js';
import { namesRole } from '../../directory/roles.js';
import { namesUser, type UserReference } from '../../directory/user-lookup.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { AdminPermission, ApiCommand } from '../api-command.js';
import { echoParameters, optionalId, readAction, readRoleReference, requireOne } from './directory-request.js';

const PARAMETERS = ['ROLEID', 'ROLENAME', 'USERID', 'LASTNAME', 'FIRSTNAME', 'SYSTEMUSERNAME', 'USERNAME', 'ACTION'] as const;

/**
 * MODIFYUSERROLE: ADD or DELETE a role (ROLEID or ROLENAME) for a user named
 * by USERID, USERNAME, SYSTEMUSERNAME or FIRSTNAME and LASTNAME (the first of
 * those sent decides). Answers "User 10 is assigned role Test" as the manual
 * does, then the parameters sent with ROLEID, ROLENAME and USERID filled in.
 */
@injectable()
export class ModifyUserRoleCommand implements ApiCommand {
  readonly type = 'MODIFYUSERROLE';

  /** Changes the directory: over TCP with auth.required only from server.api.adminAllow; over the WebAPI, a role with ALLOWAGENTADMIN. */
  administers(): AdminPermission {
    return 'ALLOWAGENTADMIN';
  }

  constructor(@inject(RoleAssignments) private readonly assignments: RoleAssignments) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const action = readAction(request, ['ADD', 'DELETE'] as const);
    const role = readRoleReference(request);
    const user: UserReference = {
      userId: optionalId(request, 'USERID'),
      username: request.nonBlank('USERNAME'),
      systemUsername: request.nonBlank('SYSTEMUSERNAME'),
      firstName: request.nonBlank('FIRSTNAME'),
      lastName: request.nonBlank('LASTNAME'),
    };
    requireOne(namesRole(role), 'MODIFYUSERROLE needs ROLEID or ROLENAME');
    requireOne(namesUser(user), 'MODIFYUSERROLE needs USERID, USERNAME, SYSTEMUSERNAME, or FIRSTNAME and LASTNAME');
    const change = action === 'ADD' ? await this.assignments.assignUser(role, user) : await this.assignments.unassignUser(role, user);
    const userId = change.subject.user_id;
    const message = action === 'ADD'
      ? `User ${userId} is assigned role ${change.role.name}`
      : change.changed ? `User ${userId} is removed from role ${change.role.name}` : `User ${userId} did not have role ${change.role.name}`;
    return apiOk(message, echoParameters(request, PARAMETERS, { ROLEID: change.role.role_id, ROLENAME: change.role.name, USERID: userId }));
  }
}
