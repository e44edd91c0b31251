import { inject, injectable } from 'inversify';
import { AgentPhones } from '../../directory/agent-phones.js';
import { namesAgent } from '../../directory/user-lookup.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { AdminPermission, ApiCommand } from '../api-command.js';
import { readAction, readAgentReference, required, requireOne } from './directory-request.js';

/**
 * IMPORTAGENTPHONE: ADD or DELETE the association of a PHONEID with an agent,
 * named by AGENTID or by FIRSTNAME and LASTNAME. Returns the AGENTID.
 */
@injectable()
export class ImportAgentPhoneCommand implements ApiCommand {
  readonly type = 'IMPORTAGENTPHONE';

  /** Changes the directory: over TCP with auth.required only from server.api.adminAllow; over the WebAPI, a role with ALLOWAGENTADMIN. */
  administers(): AdminPermission {
    return 'ALLOWAGENTADMIN';
  }

  constructor(@inject(AgentPhones) private readonly phones: AgentPhones) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const action = readAction(request, ['ADD', 'DELETE'] as const);
    const { PHONEID: phoneId } = required(request, 'IMPORTAGENTPHONE', 'PHONEID');
    const agent = readAgentReference(request);
    requireOne(namesAgent(agent), 'IMPORTAGENTPHONE needs AGENTID, or FIRSTNAME and LASTNAME');
    if (action === 'ADD') {
      const { agent: found, changed } = await this.phones.add(agent, phoneId);
      const message = changed ? `phone ID ${phoneId} has been assigned to agent ${found.user_id}` : `phone ID ${phoneId} was already assigned to agent ${found.user_id}`;
      return apiOk(message, { AGENTID: found.user_id });
    }
    const { agent: found, changed } = await this.phones.remove(agent, phoneId);
    const message = changed ? `phone ID ${phoneId} has been removed from agent ${found.user_id}` : `phone ID ${phoneId} was not assigned to agent ${found.user_id}; nothing was changed`;
    return apiOk(message, { AGENTID: found.user_id });
  }
}
