import { inject, injectable } from 'inversify';
import { Groups, namesGroup, type GroupPermissionChange } from '../../directory/groups.js';
import { namesAgent } from '../../directory/user-lookup.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { AdminPermission, ApiCommand } from '../api-command.js';
import { echoParameters, optionalId, readAction, readAgentReference, requireOne } from './directory-request.js';

/** The manual's parameter list, in its order (GROUPLD is its misprint of GROUPID). */
const PARAMETERS = ['ACTION', 'GROUPNAME', 'GROUPID', 'PHONEID', 'DEVICEID', 'FIRSTNAME', 'LASTNAME', 'AGENTID'] as const;

/**
 * MODIFYGROUPPERMISSION: ADD or DELETE an agent (FIRSTNAME and LASTNAME, or
 * AGENTID), and the device sent with it (DEVICEID or PHONEID), to or from an
 * inContact Group (GROUPNAME or GROUPID). Names are looked up first. The
 * result echoes every parameter, with GROUPID, GROUPNAME, AGENTID and the
 * agent's names filled in.
 */
@injectable()
export class ModifyGroupPermissionCommand implements ApiCommand {
  readonly type = 'MODIFYGROUPPERMISSION';

  /** Changes the directory: over TCP with auth.required only from server.api.adminAllow; over the WebAPI, a role with ALLOWGROUPADMIN. */
  administers(): AdminPermission {
    return 'ALLOWGROUPADMIN';
  }

  constructor(@inject(Groups) private readonly groups: Groups) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const action = readAction(request, ['ADD', 'DELETE'] as const);
    const group = { groupName: request.nonBlank('GROUPNAME'), groupId: optionalId(request, 'GROUPID') ?? optionalId(request, 'GROUPLD') };
    const agent = readAgentReference(request);
    requireOne(namesGroup(group), 'MODIFYGROUPPERMISSION needs GROUPNAME or GROUPID');
    requireOne(namesAgent(agent), 'MODIFYGROUPPERMISSION needs FIRSTNAME and LASTNAME, or AGENTID');
    const deviceId = request.nonBlank('DEVICEID') ?? request.nonBlank('PHONEID');
    const change = action === 'ADD'
      ? await this.groups.addPermission(group, agent, deviceId)
      : await this.groups.removePermission(group, agent, deviceId);
    return apiOk(describe(action, change), echoParameters(request, PARAMETERS, {
      GROUPNAME: change.group.name,
      GROUPID: change.group.group_id,
      FIRSTNAME: change.agent.first_name,
      LASTNAME: change.agent.last_name,
      AGENTID: change.agent.user_id,
    }));
  }
}

function describe(action: 'ADD' | 'DELETE', change: GroupPermissionChange): string {
  const who = `agent ${change.agent.user_id} (${change.agent.first_name} ${change.agent.last_name})${change.deviceId === undefined ? '' : ` and device ${change.deviceId}`}`;
  if (!change.changed) return `${who}: ${action === 'ADD' ? 'already in' : 'not in'} group ${change.group.name}; nothing was changed`;
  return `${who}: ${action === 'ADD' ? 'added to' : 'removed from'} group ${change.group.name}`;
}
