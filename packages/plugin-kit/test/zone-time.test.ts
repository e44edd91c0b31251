import assert from 'node:assert/strict';
import { epochOfWallTime, isTimeZone, isValidWallTime, resolveTimeZone, wallTimeAt, zoneOffsetAt } from '../src/index.js';

const wall = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({ year, month, day, hour, minute, second });
const iso = (ms: number) => new Date(ms).toISOString();

describe('zone time: wall-clock time in an IANA zone and back', () => {
  it('knows the zones Node.js knows, and names an unknown one', () => {
    assert.deepEqual(['Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires', 'Mars/Olympus', ''].map(isTimeZone), [true, true, true, false, false]);
    assert.equal(resolveTimeZone('America/New_York'), 'America/New_York');
    assert.equal(resolveTimeZone(), new Intl.DateTimeFormat().resolvedOptions().timeZone);
    assert.throws(() => resolveTimeZone('Mars/Olympus'), (err: Error) => err instanceof RangeError && /unknown time zone 'Mars\/Olympus'/.test(err.message));
  });

  it('gives the offset east of UTC, winter and summer, and half-hour zones', () => {
    assert.equal(zoneOffsetAt(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Berlin'), 3_600_000);
    assert.equal(zoneOffsetAt(Date.parse('2026-07-15T12:00:00Z'), 'Europe/Berlin'), 7_200_000);
    assert.equal(zoneOffsetAt(Date.parse('2026-07-15T12:00:00Z'), 'America/St_Johns'), -2.5 * 3_600_000);
  });

  it('round-trips every hour of a day with a change back (Sydney, April), taking the first of a repeated hour', () => {
    const zone = 'Australia/Sydney';
    for (let hour = 0; hour < 24; hour++) {
      const t = wall(2026, 4, 5, hour, 15, 7);
      assert.deepEqual(wallTimeAt(epochOfWallTime(t, zone), zone), t, `hour ${hour}`);
    }
    assert.equal(iso(epochOfWallTime(wall(2026, 4, 5, 2, 30), zone)), '2026-04-04T15:30:00.000Z', '02:30 AEDT, not AEST');
  });

  it('takes a time a change forward skipped as after the change', () => {
    assert.equal(iso(epochOfWallTime(wall(2026, 3, 29, 2, 30), 'Europe/Berlin')), '2026-03-29T01:30:00.000Z');
  });

  it('handles years below 100, which Date.UTC would move to the 1900s', () => {
    assert.deepEqual(wallTimeAt(epochOfWallTime(wall(44, 3, 15, 12), 'UTC'), 'UTC'), wall(44, 3, 15, 12));
  });

  it('tells real dates and times from impossible ones', () => {
    assert.deepEqual([wall(2024, 2, 29), wall(2026, 2, 29), wall(2026, 4, 31), wall(2026, 12, 31, 23, 59, 59), wall(2026, 1, 1, 24), wall(2026, 13, 1), wall(2026, 1, 1.5)].map(isValidWallTime), [
      true, false, false, true, false, false, false,
    ]);
  });
});
