import { resolveTimeZone, wallTimeAt, zoneOffsetAt } from '@callwire/plugin-kit';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Times as the API prints them: `M/D/YYYY h:mm:ss AM` in the deployment's
 * time zone (config `timezone`, else the system's), and UNIX seconds. The
 * wall time and the offset come from the kit's zone helpers.
 */
export class ApiTimeFormat {
  /** The last second formatted: events of one call come in bursts within the same second. */
  private cached = { second: Number.NaN, text: '' };
  /** The same for `iso`: the wall time to the second, and the offset. */
  private cachedIso = { second: Number.NaN, text: '', offset: '' };

  /** @throws RangeError when `timeZone` is not a zone this Node.js knows */
  constructor(readonly timeZone?: string) {
    resolveTimeZone(timeZone);
  }

  /** `1/31/2011 2:39:49 PM`; '' for undefined. */
  dateTime(ms: number | undefined): string {
    if (ms === undefined) return '';
    const second = Math.floor(ms / 1000);
    if (second === this.cached.second) return this.cached.text;
    const t = wallTimeAt(ms, this.timeZone);
    const text = `${t.month}/${t.day}/${t.year} ${t.hour % 12 || 12}:${two(t.minute)}:${two(t.second)} ${t.hour < 12 ? 'AM' : 'PM'}`;
    this.cached = { second, text };
    return text;
  }

  /** `10/30/2006 4:05:38 PM -05:00`: the time with its UTC offset, as IMPORTUSER LIST prints ADD_TIME. */
  dateTimeWithOffset(ms: number | undefined): string {
    if (ms === undefined) return '';
    return `${this.dateTime(ms)} ${this.offset(ms)}`;
  }

  /** `2026-12-02T09:00:00.123+01:00`: ISO 8601 to the millisecond, with the zone's offset at `ms` (the event contract's TIME). */
  iso(ms: number): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.cachedIso.second) {
      const t = wallTimeAt(ms, this.timeZone);
      this.cachedIso = { second, text: `${t.year}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}:${two(t.second)}`, offset: this.offset(ms) };
    }
    return `${this.cachedIso.text}.${String(ms - second * 1000).padStart(3, '0')}${this.cachedIso.offset}`;
  }

  /** UNIX seconds. */
  unix(ms: number): number {
    return Math.floor(ms / 1000);
  }

  /** `-05:00`, `+05:30`, `+00:00`: the zone's offset at `ms`, to the minute. */
  private offset(ms: number): string {
    const minutes = Math.trunc(zoneOffsetAt(ms, this.timeZone) / 60_000);
    const sign = minutes < 0 ? '-' : '+';
    return `${sign}${two(Math.floor(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`;
  }
}
