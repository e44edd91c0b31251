/** A wall-clock time as a PBX prints it or a schedule names it: no zone, no offset. Months 1–12. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The formatter of a zone ('' = the system's), made once; throws RangeError for a zone this Node.js does not know. */
function formatFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formats.set(key, format);
  }
  return format;
}

/** True when `timeZone` is an IANA zone name this Node.js knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The IANA name of `timeZone` as Node.js resolves it (the system's zone when
 * undefined). @throws RangeError naming the zone when it is not one.
 */
export function resolveTimeZone(timeZone?: string): string {
  try {
    return formatFor(timeZone).resolvedOptions().timeZone;
  } catch {
    throw new RangeError(`unknown time zone '${timeZone}' (expected an IANA name such as 'America/New_York')`);
  }
}

/** The wall-clock time at `ms` (since the epoch) in `timeZone` (the system's zone when undefined). */
export function wallTimeAt(ms: number, timeZone?: string): WallTime {
  const t = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of formatFor(timeZone).formatToParts(ms)) {
    if (part.type in t) t[part.type as keyof typeof t] = Number(part.value);
  }
  return t;
}

/** The wall time's fields read as if they were UTC, in ms (years 0–99 included, which Date.UTC maps to 19xx). */
export function wallTimeAsUtc(t: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(t.year, t.month - 1, t.day);
  d.setUTCHours(t.hour, t.minute, t.second, 0);
  return d.getTime();
}

/** The zone's offset from UTC at `ms`, in ms (east positive: +3 600 000 for Berlin in winter). */
export function zoneOffsetAt(ms: number, timeZone?: string): number {
  return wallTimeAsUtc(wallTimeAt(ms, timeZone)) - Math.floor(ms / 1000) * 1000;
}

/** True when the fields name a real calendar date and time (no 02/30, no 25:00). */
export function isValidWallTime(t: WallTime): boolean {
  if (![t.year, t.month, t.day, t.hour, t.minute, t.second].every(Number.isInteger)) return false;
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 59) return false;
  return t.day <= daysInMonth(t.year, t.month);
}

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/**
 * Milliseconds since the epoch of a wall-clock time in `timeZone` (the
 * system's zone when undefined). A time that a DST change skipped is taken
 * after the change; one that occurs twice is taken the first time.
 */
export function epochOfWallTime(t: WallTime, timeZone?: string): number {
  const asUtc = wallTimeAsUtc(t);
  // The zone's offsets half a day either side: a DST change in between makes them differ.
  const before = zoneOffsetAt(asUtc - 43_200_000, timeZone);
  const after = zoneOffsetAt(asUtc + 43_200_000, timeZone);
  const fits = (ms: number) => wallTimeAsUtc(wallTimeAt(ms, timeZone)) === asUtc;
  const candidates = [asUtc - before, asUtc - after].filter(fits).sort((a, b) => a - b);
  // Neither fits: the time fell in the gap of a change forward, and the offset before it moves it past the change.
  return candidates[0] ?? asUtc - before;
}
