/**
 * Times as the API prints them: `M/D/YYYY h:mm:ss AM` in the deployment's
 * time zone (config `timezone`, else the system's), and UNIX seconds.
 */
export class ApiTimeFormat {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsetFormat: Intl.DateTimeFormat;
  /** The last second formatted: events of one call come in bursts within the same second. */
  private cached = { second: Number.NaN, text: '' };

  constructor(readonly timeZone?: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      second: '2-digit',
      hour12: true,
    });
    this.offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  }

  /** `1/31/2011 2:39:49 PM`; '' for undefined. */
  dateTime(ms: number | undefined): string {
    if (ms === undefined) return '';
    const second = Math.floor(ms / 1000);
    if (second === this.cached.second) return this.cached.text;
    const parts = Object.fromEntries(this.format.formatToParts(ms).map((p) => [p.type, p.value]));
    const text = `${parts['month']}/${parts['day']}/${parts['year']} ${parts['hour']}:${parts['minute']}:${parts['second']} ${parts['dayPeriod']}`;
    this.cached = { second, text };
    return text;
  }

  /** `10/30/2006 4:05:38 PM -05:00`: the time with its UTC offset, as IMPORTUSER LIST prints ADD_TIME. */
  dateTimeWithOffset(ms: number | undefined): string {
    if (ms === undefined) return '';
    return `${this.dateTime(ms)} ${this.offset(ms)}`;
  }

  /** UNIX seconds. */
  unix(ms: number): number {
    return Math.floor(ms / 1000);
  }

  private offset(ms: number): string {
    const zoned = this.offsetFormat.formatToParts(ms);
    const name = zoned.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /GMT([+-]\d{2}:\d{2})?/.exec(name);
    return match?.[1] ?? '+00:00';
  }
}
