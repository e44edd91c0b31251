/**
 * Splits a header value on `separator` where it is not inside a quoted
 * string or angle brackets (RFC 3261 §7.3.1: "Via: a, b" is two values;
 * a comma inside "<sip:a,b@x>" or a display name is not a separator).
 * Pieces are trimmed; empty pieces are dropped.
 */
export function splitOutsideQuotes(value: string, separator: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '<') angle = true;
    else if (ch === '>') angle = false;
    else if (ch === separator && !angle) {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out.map((piece) => piece.trim()).filter((piece) => piece !== '');
}
