/** A wall-clock time as a PBX prints it: no zone, no offset. Months 1–12. */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** True when `timeZone` is an IANA zone name this Node.js knows (`Europe/Berlin`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at `ms` in `timeZone` (the system's zone when undefined). */
export function localTimeAt(ms: number, timeZone?: string): LocalDateTime {
  if (timeZone === undefined) {
    const d = new Date(ms);
    return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() };
  }
  const parts = Object.fromEntries(formatFor(timeZone).formatToParts(ms).map((p) => [p.type, p.value]));
  return {
    year: Number(parts['year']), month: Number(parts['month']), day: Number(parts['day']),
    hour: Number(parts['hour']), minute: Number(parts['minute']), second: Number(parts['second']),
  };
}

/** True when the fields name a real calendar date and time (no 02/30, no 25:00). */
export function isValidLocalTime(t: LocalDateTime): boolean {
  if (![t.year, t.month, t.day, t.hour, t.minute, t.second].every(Number.isInteger)) return false;
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 59) return false;
  return t.day <= new Date(Date.UTC(t.year, t.month, 0)).getUTCDate();
}

/**
 * Milliseconds since the epoch of a wall-clock time in `timeZone` (the
 * system's zone when undefined). A time that a DST change skipped is taken
 * after the change; one that occurs twice is taken the first time.
 */
export function epochOfLocalTime(t: LocalDateTime, timeZone?: string): number {
  if (timeZone === undefined) return new Date(t.year, t.month - 1, t.day, t.hour, t.minute, t.second).getTime();
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  // The zone's offsets half a day either side: a DST change in between makes them differ.
  const before = offsetAt(asUtc - 43_200_000, timeZone);
  const after = offsetAt(asUtc + 43_200_000, timeZone);
  const candidates = [asUtc - before, asUtc - after].filter((ms) => localEquals(localTimeAt(ms, timeZone), t)).sort((a, b) => a - b);
  // Neither fits: the time fell in the gap of a change forward, and the offset before it moves it past the change.
  return candidates[0] ?? asUtc - before;
}

function offsetAt(ms: number, timeZone: string): number {
  const t = localTimeAt(ms, timeZone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - Math.floor(ms / 1000) * 1000;
}

function localEquals(a: LocalDateTime, b: LocalDateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;
}

/**
 * The second assumed for a time printed to the minute (`11:42p`, `10:03AM`):
 * the middle of that minute, so the record is at most 30 s off and the
 * ±5 s window in which a record is matched to a recording still meets every
 * call of 25 s or more.
 */
export const MIDDLE_OF_MINUTE = 30;
