/**
 * Records as the PBXs print them, for a given moment, so a test can write the
 * SMDR of a call it just made through the API. Times are written in
 * `timeZone` with Intl (independently of the plugin's own time code).
 */
export interface WallClock {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

/** Two-digit wall-clock fields of `ms` in `timeZone`. */
export function wallClock(ms: number, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return { year: parts['year']!, month: parts['month']!, day: parts['day']!, hour: parts['hour']!, minute: parts['minute']!, second: parts['second']! };
}

const hms = (seconds: number) => [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0')).join(':');

/** One Avaya IP Office SMDR segment (30 fields). */
export function avayaSegment(s: {
  callStart: number; timeZone: string; connected: number; ring: number; caller: string; direction: 'I' | 'O'; called: string;
  dialled?: string; account?: string; callId: string; continuation: boolean; party1: [string, string]; party2: [string, string];
  hold?: number; park?: number; targetingCause?: string; targeter?: string;
}): string {
  const t = wallClock(s.callStart, s.timeZone);
  return [
    `${t.year}/${t.month}/${t.day} ${t.hour}:${t.minute}:${t.second}`, hms(s.connected), s.ring, s.caller, s.direction, s.called, s.dialled ?? s.called,
    s.account ?? '', s.direction === 'O' && /^\d{3,4}$/.test(s.called) ? 1 : 0, s.callId, s.continuation ? 1 : 0, s.party1[0], s.party1[1], s.party2[0], s.party2[1],
    s.hold ?? 0, s.park ?? 0, '', '', '', '', '', '', '', '', '', '', s.targetingCause ?? '', s.targeter ?? '', '',
  ].join(',');
}

/**
 * One Mitel SMDR record, standard layout with Extended Reporting Level 2
 * (start time with seconds, 24-hour clock).
 */
export function mitelRecord(r: { start: number; timeZone: string; durationSeconds: number; calling: string; digits: string; called: string; account?: string }): string {
  const t = wallClock(r.start, r.timeZone);
  const flag = r.durationSeconds >= 1800 ? '+' : r.durationSeconds >= 600 ? '%' : r.durationSeconds >= 300 ? '-' : ' ';
  return `${flag}${t.month}/${t.day} ${t.hour}:${t.minute}:${t.second}  ${hms(r.durationSeconds)} ${r.calling.padEnd(4)}  000 ${r.digits.padEnd(26)}A ${r.called.padEnd(4)}  ${''.padEnd(4)} ${(r.account ?? '').padEnd(12)} 000`;
}

/** One Panasonic SMDR record (KX-TDA layout); the printed time is when the call ended. */
export function panasonicRecord(r: { end: number; timeZone: string; ext: string; co: string; dial: string; durationSeconds: number; account?: string }): string {
  const t = wallClock(r.end, r.timeZone);
  const hour = Number(t.hour);
  const h12 = String(hour % 12 === 0 ? 12 : hour % 12).padStart(2, '0');
  const duration = `${hms(r.durationSeconds).slice(0, 5)}'${hms(r.durationSeconds).slice(6)}`;
  return `${t.month}/${t.day}/${t.year.slice(2)} ${h12}:${t.minute}${hour < 12 ? 'AM' : 'PM'} ${r.ext.padStart(5)} ${r.co.padStart(2, '0')} ${r.dial.padEnd(25)}      ${duration} ${(r.account ?? '').padEnd(10)}`;
}
