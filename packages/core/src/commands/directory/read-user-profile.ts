import type { UserProfile } from '../../directory/user-directory.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { optionalInteger } from './directory-request.js';

/**
 * The user fields of an IMPORTUSER ADD or MODIFY, under their canonical
 * names (USER_ID, FIRST_NAME, SYS_DOMAIN … arrive as USERID, FIRSTNAME,
 * DOMAIN). Blank values count as not sent, so an empty tag never erases what
 * is stored. ADD_TIME and MOD_TIME are the server's to keep and are not read.
 * DEVICEALIAS, the agent's sign-on number, is taken as well, so CALLSTART by
 * DEVICEALIAS can find the agent's phone.
 */
export function readUserProfile(request: ApiRequest): UserProfile {
  const text = (name: string) => request.nonBlank(name);
  return {
    username: text('USERNAME'),
    employeeId: text('EMPLOYEEID'),
    firstName: text('FIRSTNAME'),
    lastName: text('LASTNAME'),
    status: text('STATUS')?.toUpperCase() as 'A' | 'I' | undefined,
    sysUser: text('SYS_USER'),
    domain: text('DOMAIN'),
    email: text('EMAIL'),
    crmUser: text('CRM_USER'),
    siteId: optionalInteger(request, 'SITEID'),
    deviceAlias: text('DEVICEALIAS'),
    password: text('PASSWORD'),
    phones: readPhones(request),
  };
}

/** PHONES: a comma list ("1123, 3343, 3234"); items trimmed, blanks and repeats dropped. */
export function readPhones(request: ApiRequest): string[] | undefined {
  const list = request.nonBlank('PHONES');
  if (list === undefined) return undefined;
  return [...new Set(list.split(',').map((phone) => phone.trim()).filter((phone) => phone !== ''))];
}
