import { inject, injectable } from 'inversify';
import { Roles } from '../../directory/roles.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { Role } from '../../storage/index.js';
import type { AdminPermission, ApiCommand } from '../api-command.js';
import { echoParameters, optionalId, readAction, required } from './directory-request.js';

const PARAMETERS = ['ACTION', 'ROLEID', 'ROLENAME', 'DESCRIPTION'] as const;
const DONE = { ADD: 'Added', MODIFY: 'Modified', DELETE: 'Deleted' } as const;

/**
 * MODIFYROLE: ADD a role (ROLENAME, DESCRIPTION), MODIFY its DESCRIPTION —
 * or, when ROLEID names the role, its ROLENAME too — or DELETE it. Answers
 * "Role Added", "Role Modified", "Role Deleted", then the parameters sent,
 * with ROLEID filled in.
 */
@injectable()
export class ModifyRoleCommand implements ApiCommand {
  readonly type = 'MODIFYROLE';

  /** Changes the directory: over TCP with auth.required only from server.api.adminAllow; over the WebAPI, a role with ALLOWAGENTADMIN. */
  administers(): AdminPermission {
    return 'ALLOWAGENTADMIN';
  }

  constructor(@inject(Roles) private readonly roles: Roles) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const action = readAction(request, ['ADD', 'MODIFY', 'DELETE'] as const);
    const role = await this.apply(action, request);
    return apiOk(`Role ${DONE[action]}`, echoParameters(request, PARAMETERS, { ROLEID: role.role_id, ROLENAME: role.name }));
  }

  /** ADD by ROLENAME; MODIFY and DELETE by ROLEID when sent (MODIFY then renames to ROLENAME), else by ROLENAME. */
  private apply(action: keyof typeof DONE, request: ApiRequest): Promise<Role> {
    const roleId = action === 'ADD' ? undefined : optionalId(request, 'ROLEID');
    const description = request.nonBlank('DESCRIPTION');
    if (roleId !== undefined) {
      if (action === 'MODIFY') return this.roles.modify({ roleId }, { name: request.nonBlank('ROLENAME'), description });
      return this.roles.remove({ roleId });
    }
    const { ROLENAME: roleName } = required(request, `MODIFYROLE ${action}`, 'ROLENAME');
    if (action === 'ADD') return this.roles.add(roleName, description);
    if (action === 'MODIFY') return this.roles.modify({ roleName }, { description });
    return this.roles.remove({ roleName });
  }
}
