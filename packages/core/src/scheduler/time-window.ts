/**
 * The `days` and `hours` criteria of a schedule, compiled to a weekday bit
 * mask and two minute-of-day numbers, matched against a local time given as
 * "wall-clock milliseconds" (see {@link ZoneClock}).
 */

/** Weekday names as a schedule writes them, in `Date#getUTCDay` order (0 = Sunday). */
export const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type DayName = (typeof DAY_NAMES)[number];

const MINUTE = 60_000;
const DAY = 86_400_000;
const ALL_DAYS = 0b111_1111;
/** 1970-01-01, day 0 of the epoch, was a Thursday. */
const EPOCH_WEEKDAY = 4;

const TIME = /^(\d{1,2}):(\d{2})$/;

/**
 * Minutes after midnight for `HH:MM` (or `H:MM`), or undefined when it is not
 * a time of day. `24:00` (the end of the day) is accepted only when `endOfDay`.
 */
export function parseTimeOfDay(text: string, endOfDay: boolean): number | undefined {
  const match = TIME.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return undefined;
  if (hours === 24 && minutes === 0 && endOfDay) return 24 * 60;
  return hours > 23 ? undefined : hours * 60 + minutes;
}

const FULL_DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The weekday number (0 = Sunday) of a day name (`mon` or `monday`, any case), or undefined. */
export function dayNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = DAY_NAMES.indexOf(lower.slice(0, 3) as DayName);
  if (index < 0) return undefined;
  return lower.length === 3 || lower === FULL_DAY_NAMES[index] ? index : undefined;
}

/** The day of the week, 0 = Sunday, of wall-clock milliseconds. */
export function weekdayOf(local: number): number {
  return (((Math.floor(local / DAY) + EPOCH_WEEKDAY) % 7) + 7) % 7;
}

/** Minutes since local midnight of wall-clock milliseconds. */
export function minuteOfDay(local: number): number {
  return Math.floor((((local % DAY) + DAY) % DAY) / MINUTE);
}

/**
 * When a schedule applies. Without hours it is the listed days, all day.
 * With hours `from`–`to` the window starts at `from` (inclusive) and ends at
 * `to` (exclusive); `from` later than `to` is an overnight window, and its
 * part after midnight belongs to the day it started on: `days: [fri]` with
 * `22:00`–`06:00` covers Friday 22:00 to Saturday 06:00, not Friday 00:00–06:00.
 */
export class TimeWindow {
  private readonly days: number;
  private readonly from: number;
  private readonly to: number;

  /**
   * @param days weekday numbers (0 = Sunday); undefined = every day
   * @param hours minutes after midnight; undefined = all day
   */
  constructor(days: readonly number[] | undefined, hours: { from: number; to: number } | undefined) {
    this.days = days === undefined ? ALL_DAYS : days.reduce((mask, day) => mask | (1 << day), 0);
    this.from = hours?.from ?? 0;
    this.to = hours?.to ?? 24 * 60;
  }

  /** True when the local time (wall-clock milliseconds) is inside the window. */
  contains(local: number): boolean {
    const minute = minuteOfDay(local);
    const day = weekdayOf(local);
    if (this.from <= this.to) return minute >= this.from && minute < this.to && this.hasDay(day);
    if (minute >= this.from) return this.hasDay(day);
    return minute < this.to && this.hasDay((day + 6) % 7);
  }

  private hasDay(day: number): boolean {
    return (this.days & (1 << day)) !== 0;
  }
}
