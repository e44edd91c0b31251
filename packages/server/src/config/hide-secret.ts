/** Keys whose values are secrets: a problem with one names the key, never the value. */
const SECRET_KEY = /(^|[.\]])(pass|password|secret|token)(\b|$)/i;

/** A `path: problem` line with the value left out when the key holds a secret (`email.smtp.auth.pass`). */
export function hideSecret(issue: string): string {
  const colon = issue.indexOf(': ');
  return colon > 0 && SECRET_KEY.test(issue.slice(0, colon)) ? issue.replace(/, got .*$/, ', got (hidden: a secret)') : issue;
}
