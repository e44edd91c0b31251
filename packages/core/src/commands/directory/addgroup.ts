import { inject, injectable } from 'inversify';
import { Groups } from '../../directory/groups.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { AdminPermission, ApiCommand } from '../api-command.js';
import { required } from './directory-request.js';

/**
 * ADDGROUP: adds an inContact Group and returns its GROUPID and GROUPNAME
 * (the manual's "GROUPLD" is a misprint of GROUPID, as its example shows).
 * A group of that name that exists already is returned as it is, unchanged.
 */
@injectable()
export class AddGroupCommand implements ApiCommand {
  readonly type = 'ADDGROUP';

  /** Changes the directory: over TCP with auth.required only from server.api.adminAllow; over the WebAPI, a role with ALLOWGROUPADMIN. */
  administers(): AdminPermission {
    return 'ALLOWGROUPADMIN';
  }

  constructor(@inject(Groups) private readonly groups: Groups) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const { GROUPNAME: name } = required(request, 'ADDGROUP', 'GROUPNAME');
    const { group, created } = await this.groups.add(name);
    const message = created ? `group: ${group.name} has been added` : `group: ${group.name} already exists; nothing was changed`;
    return apiOk(message, { GROUPID: group.group_id, GROUPNAME: group.name });
  }
}
