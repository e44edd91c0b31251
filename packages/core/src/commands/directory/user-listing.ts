import type { ApiTimeFormat } from '../../protocol/api-time.js';
import type { ResultBody } from '../../protocol/api-result.js';
import type { UserListing } from '../../storage/index.js';

/** How the real product prints a time that was never set (.NET's DateTimeOffset.MinValue). */
export const NEVER_SET = '1/1/0001 12:00:00 AM +00:00';

/**
 * IMPORTUSER LIST's data: `USERS` holding `COUNT` and one `USER` per user,
 * with the element names and order of the real product's reply
 * (shared/fixtures/wfo-replies: USER_ID, EMPLOYEE_ID, FIRST_NAME … where the
 * manual's own example says EMPLOYEEID, FIRSTNAME). AGENT is TRUE/FALSE;
 * ADD_TIME and MOD_TIME carry their UTC offset; PHONES is a comma list.
 * PASSWORD is never listed.
 */
export function userListingBody(users: readonly UserListing[], time: ApiTimeFormat): ResultBody {
  const when = (ms: number | null) => (ms === null ? NEVER_SET : time.dateTimeWithOffset(ms));
  return {
    USERS: {
      COUNT: users.length,
      USER: users.map((user) => ({
        USER_ID: user.user_id,
        USERNAME: user.username ?? '',
        EMPLOYEE_ID: user.employee_id ?? '',
        FIRST_NAME: user.first_name,
        LAST_NAME: user.last_name,
        AGENT: user.agent ? 'TRUE' : 'FALSE',
        STATUS: user.status,
        ADD_TIME: when(user.add_time),
        MOD_TIME: when(user.mod_time),
        SYS_USER: user.sys_user ?? '',
        SYS_DOMAIN: user.sys_domain ?? '',
        EMAIL: user.email ?? '',
        CRM_USER: user.crm_user ?? '',
        SITE_ID: user.site_id ?? '',
        PHONES: user.phones.join(','),
      })),
    },
  };
}
