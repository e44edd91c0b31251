import { wallTimeAt } from '@callwire/plugin-kit';

const DAY_MS = 86_400_000;

/**
 * The year of a date printed as month/day only (Mitel, Samsung…). SMDR is
 * written after a call ends, so the date is today or in the past: it is the
 * latest year in which month/day exists and is not more than one day after
 * today in the PBX's zone (one day of slack for a PBX clock running ahead).
 * 12/31 read on January 1st is last year's; 02/29 read in 2027 is 2024's.
 */
export function inferYear(month: number, day: number, now: number, timeZone?: string): number {
  const today = wallTimeAt(now, timeZone);
  const latest = Date.UTC(today.year, today.month - 1, today.day) + DAY_MS;
  for (let year = today.year; year > today.year - 8; year--) {
    const date = Date.UTC(year, month - 1, day);
    const exists = new Date(date).getUTCMonth() === month - 1;
    if (exists && date <= latest) return year;
  }
  return today.year;
}

/**
 * A two-digit year (Panasonic `06/24/97`) as the latest year ending in those
 * digits that is not after next year: 97 → 1997, 24 → 2024.
 */
export function expandTwoDigitYear(yy: number, now: number, timeZone?: string): number {
  const limit = wallTimeAt(now, timeZone).year + 1;
  let year = Math.floor(limit / 100) * 100 + yy;
  if (year > limit) year -= 100;
  return year;
}
