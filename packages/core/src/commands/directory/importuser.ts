import { inject, injectable } from 'inversify';
import { UserDirectory } from '../../directory/user-directory.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { ApiTimeFormat } from '../../protocol/api-time.js';
import { TOKENS } from '../../tokens.js';
import type { AdminPermission, ApiCommand } from '../api-command.js';
import { readAction, required } from './directory-request.js';
import { readUserProfile } from './read-user-profile.js';
import { userListingBody } from './user-listing.js';

const ACTIONS = ['ADD', 'MODIFY', 'DELETE', 'LIST'] as const;

/**
 * IMPORTUSER: ADD (USERID ignored; FIRSTNAME and LASTNAME required),
 * MODIFY and DELETE (by USERID), LIST. ADD, MODIFY and DELETE return the
 * USERID; an ADD of an existing user is API_USER_ALREADY_EXIST and changes
 * nothing, so scripts may send every user every night.
 */
@injectable()
export class ImportUserCommand implements ApiCommand {
  readonly type = 'IMPORTUSER';

  /**
   * ADD, MODIFY and DELETE change users: over TCP with auth.required only from
   * server.api.adminAllow; over the WebAPI, a role with ALLOWAGENTADMIN. LIST
   * only reads (the manual: "get a list of all users") and is open to any client.
   */
  administers(request: ApiRequest): AdminPermission | undefined {
    return request.nonBlank('ACTION')?.toUpperCase() === 'LIST' ? undefined : 'ALLOWAGENTADMIN';
  }

  constructor(
    @inject(UserDirectory) private readonly users: UserDirectory,
    @inject(TOKENS.TimeFormat) private readonly time: ApiTimeFormat,
  ) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const action = readAction(request, ACTIONS);
    switch (action) {
      case 'ADD': {
        const { FIRSTNAME: firstName, LASTNAME: lastName } = required(request, 'IMPORTUSER ADD', 'FIRSTNAME', 'LASTNAME');
        const userId = await this.users.add({ ...readUserProfile(request), firstName, lastName });
        return apiOk(`user: ${firstName} ${lastName} has been added`, { USERID: userId });
      }
      case 'MODIFY': {
        const userId = Number(required(request, 'IMPORTUSER MODIFY', 'USERID').USERID);
        const { changed } = await this.users.modify(userId, readUserProfile(request));
        return apiOk(changed ? `user ${userId} has been modified` : `user ${userId} already has these values; nothing was changed`, { USERID: userId });
      }
      case 'DELETE': {
        const userId = Number(required(request, 'IMPORTUSER DELETE', 'USERID').USERID);
        await this.users.remove(userId);
        return apiOk(`user ${userId} has been deleted`, { USERID: userId });
      }
      case 'LIST':
        return apiOk(undefined, userListingBody(await this.users.list(), this.time));
    }
  }
}
