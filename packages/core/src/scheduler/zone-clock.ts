const QUARTER_HOUR = 15 * 60_000;

/**
 * Converts instants to "wall-clock milliseconds" in one IANA time zone: the
 * instant shifted by the zone's UTC offset, so that day and minute arithmetic
 * on it (as if it were UTC) gives the local weekday and time of day.
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
  private readonly format: Intl.DateTimeFormat;
  private cachedQuarter = Number.NaN;
  private cachedOffset = 0;

  /** @throws RangeError when `timeZone` is not a zone this Node.js knows */
  constructor(timeZone?: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`unknown time zone '${timeZone}' (expected an IANA name such as 'America/New_York')`);
    }
    this.timeZone = this.format.resolvedOptions().timeZone;
  }

  /** Wall-clock milliseconds for an instant (milliseconds since the epoch). */
  local(at: number): number {
    const quarter = Math.floor(at / QUARTER_HOUR);
    if (quarter !== this.cachedQuarter) {
      this.cachedOffset = this.offsetAt(quarter * QUARTER_HOUR);
      this.cachedQuarter = quarter;
    }
    return at + this.cachedOffset;
  }

  /** The zone's UTC offset in milliseconds at an instant that falls on a whole second. */
  private offsetAt(instant: number): number {
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.format.formatToParts(instant)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          hour = Number(part.value);
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
        default:
          break;
      }
    }
    const wall = new Date(0);
    wall.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0-99 to 1900-1999
    wall.setUTCHours(hour, minute, second, 0);
    return wall.getTime() - instant;
  }
}
