/** True when `zone` is an IANA time zone this Node.js knows, such as `America/New_York`. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
