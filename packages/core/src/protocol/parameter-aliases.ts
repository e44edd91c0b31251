/**
 * Parameter names the manual itself spells two ways. Requests may use either;
 * handlers read the canonical (left-hand) spelling only.
 *
 * IMPORTUSER's parameter list says USERID/EMPLOYEEID/FIRSTNAME/LASTNAME/DOMAIN/SITEID
 * while its example and data-type table say USER_ID/EMPLOYEE_ID/FIRST_NAME/
 * LAST_NAME/SYS_DOMAIN/SITE_ID; CALLUPDATE lists KEEP_DAYS where the WebAPI
 * example sends keepdays; some examples carry the type in REQUESTTYPE.
 */
export const PARAMETER_ALIASES: Readonly<Record<string, string>> = {
  REQUESTTYPE: 'TYPE',
  USER_ID: 'USERID',
  EMPLOYEE_ID: 'EMPLOYEEID',
  FIRST_NAME: 'FIRSTNAME',
  LAST_NAME: 'LASTNAME',
  SYS_DOMAIN: 'DOMAIN',
  SITE_ID: 'SITEID',
  KEEP_DAYS: 'KEEPDAYS',
};

/** The canonical spelling of a parameter name (upper-cased, trimmed). */
export function canonicalParameterName(name: string): string {
  const upper = name.trim().toUpperCase();
  return PARAMETER_ALIASES[upper] ?? upper;
}
