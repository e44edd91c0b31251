const API_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$/;

/**
 * Reads the API's `M/D/YYYY h:mm:ss AM` times, which are in the server's
 * time zone and carry no offset. The zone is learnt from CHANNELS, whose
 * LASTSTATECHANGE comes with LASTSTATECHANGEUNIXTIME; until then the
 * browser's own zone is assumed (monitor and server usually share a site).
 */
export class ServerZone {
  /** Server local time minus UTC, in ms; undefined until learnt. */
  offsetMs = undefined;

  /** Learns the offset from one local time and the same instant in UNIX seconds. */
  learn(localText, unixSeconds) {
    const wall = wallClockMs(localText);
    const unix = Number(unixSeconds);
    if (wall === undefined || !(unix > 0)) return;
    // Zones are offset by whole quarter hours; rounding absorbs the second the two fields may straddle.
    this.offsetMs = Math.round((wall - unix * 1000) / 900_000) * 900_000;
  }

  /** Epoch ms of an API time, or undefined when it is blank or not in the API's form. */
  toEpoch(text) {
    const wall = wallClockMs(text);
    if (wall === undefined) return undefined;
    if (this.offsetMs !== undefined) return wall - this.offsetMs;
    const utc = new Date(wall);
    return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds()).getTime();
  }
}

/** An API time's fields as if they were UTC (ms). */
function wallClockMs(text) {
  const match = API_TIME.exec((text ?? '').trim());
  if (!match) return undefined;
  const [, month, day, year, hour, minute, second, half] = match;
  const hours = (Number(hour) % 12) + (half === 'PM' ? 12 : 0);
  return Date.UTC(Number(year), Number(month) - 1, Number(day), hours, Number(minute), Number(second));
}
