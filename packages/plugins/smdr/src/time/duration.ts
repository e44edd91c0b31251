/**
 * Seconds of a duration as PBXs print it: `00:08:29`, `0000:06:59`,
 * `00:05'12` (Panasonic), `5'15`, `8:29`, or plain seconds `336`. Blank is
 * undefined; anything else throws. Parts are not range-checked: Mitel prints
 * `99:99:99` for a call over 100 hours.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (!/^\d+(?:[:']\d{1,2}){0,2}$/.test(value)) throw new Error(`'${value}' is not a duration`);
  return value.split(/[:']/).reduce((sum, part) => sum * 60 + Number(part), 0);
}
