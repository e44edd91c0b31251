/**
 * REQUESTID rule: "a positive integer value … 2147483647 is the maximum".
 * The manual's own EVENTS example sends 0, so 0 is accepted.
 */
export function isValidRequestId(value: string | undefined): value is string {
  if (value === undefined || !/^\+?\d{1,10}$/.test(value)) return false;
  return Number(value) <= 2147483647;
}
