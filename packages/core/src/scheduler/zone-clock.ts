import { resolveTimeZone, zoneOffsetAt } from '@callwire/plugin-kit';

const QUARTER_HOUR = 15 * 60_000;

/**
 * Converts instants to "wall-clock milliseconds" in one IANA time zone: the
 * instant shifted by the zone's UTC offset, so that day and minute arithmetic
 * on it (as if it were UTC) gives the local weekday and time of day — what a
 * schedule ("weekdays 08:00–18:00") is checked against.
 *
 * Asking Intl for the offset costs microseconds and allocates, so the offset
 * is cached per quarter hour of UTC: every offset change in use today happens
 * on a quarter-hour boundary (offsets are whole quarter hours and changes
 * happen on whole local hours or half hours), so the offset at the start of a
 * quarter hour holds for all of it. At one call after another that means one
 * Intl lookup per quarter hour.
 */
export class ZoneClock {
  /** The IANA zone in use (the system zone when none was given). */
  readonly timeZone: string;
  private cachedQuarter = Number.NaN;
  private cachedOffset = 0;

  /** @throws RangeError when `timeZone` is not a zone this Node.js knows */
  constructor(timeZone?: string) {
    this.timeZone = resolveTimeZone(timeZone);
  }

  /** Wall-clock milliseconds for an instant (milliseconds since the epoch). */
  local(at: number): number {
    const quarter = Math.floor(at / QUARTER_HOUR);
    if (quarter !== this.cachedQuarter) {
      this.cachedOffset = zoneOffsetAt(quarter * QUARTER_HOUR, this.timeZone);
      this.cachedQuarter = quarter;
    }
    return at + this.cachedOffset;
  }
}
