import assert from 'node:assert/strict';
import { parseDuration } from '../src/time/duration.js';
import { expandTwoDigitYear, inferYear } from '../src/time/infer-year.js';
import { epochOfWallTime, wallTimeAt } from '@callwire/plugin-kit';
import { TimePattern } from '../src/time/time-pattern.js';

const at = (iso: string) => Date.parse(iso);
const local = (year: number, month: number, day: number, hour: number, minute: number, second = 0) => ({ year, month, day, hour, minute, second });

describe('PBX times', () => {
  it('turns a wall-clock time in a zone into epoch ms, across DST changes', () => {
    assert.equal(new Date(epochOfWallTime(local(2024, 7, 1, 9, 0), 'America/New_York')).toISOString(), '2024-07-01T13:00:00.000Z');
    assert.equal(new Date(epochOfWallTime(local(2024, 1, 15, 9, 0), 'America/New_York')).toISOString(), '2024-01-15T14:00:00.000Z');
    // 02:30 does not exist on 2024-03-10 in New York: taken after the change
    assert.equal(new Date(epochOfWallTime(local(2024, 3, 10, 2, 30), 'America/New_York')).toISOString(), '2024-03-10T07:30:00.000Z');
    // 01:30 happens twice on 2024-11-03: the first one (EDT)
    assert.equal(new Date(epochOfWallTime(local(2024, 11, 3, 1, 30), 'America/New_York')).toISOString(), '2024-11-03T05:30:00.000Z');
    assert.equal(new Date(epochOfWallTime(local(2024, 7, 1, 9, 0), 'Asia/Kolkata')).toISOString(), '2024-07-01T03:30:00.000Z');
    assert.deepEqual(wallTimeAt(at('2024-07-01T13:00:05Z'), 'America/New_York'), local(2024, 7, 1, 9, 0, 5));
  });

  it('infers the year of a month/day date from today in the PBX zone', () => {
    assert.equal(inferYear(12, 31, at('2027-01-01T00:05:00Z'), 'UTC'), 2026);
    assert.equal(inferYear(1, 1, at('2027-01-01T00:05:00Z'), 'UTC'), 2027);
    // one day ahead is still this year (a PBX clock running ahead)
    assert.equal(inferYear(1, 2, at('2027-01-01T00:05:00Z'), 'UTC'), 2027);
    assert.equal(inferYear(1, 3, at('2027-01-01T00:05:00Z'), 'UTC'), 2026);
    // still Dec 31 in Los Angeles when it is Jan 1 in UTC
    assert.equal(inferYear(12, 31, at('2027-01-01T05:00:00Z'), 'America/Los_Angeles'), 2026);
    assert.equal(inferYear(2, 29, at('2027-03-01T00:00:00Z'), 'UTC'), 2024);
  });

  it('expands two-digit years to the latest year not after next year', () => {
    const now = at('2026-06-01T00:00:00Z');
    assert.deepEqual([97, 2, 26, 27, 28].map((yy) => expandTwoDigitYear(yy, now, 'UTC')), [1997, 2002, 2026, 2027, 1928]);
  });

  it('reads the durations PBXs print', () => {
    assert.deepEqual(["00:08:29", "0000:06:59", "00:05'12", "5'15", '8:29', '336', '  ', '99:99:99'].map(parseDuration), [509, 419, 312, 315, 509, 336, undefined, 362439]);
    assert.throws(() => parseDuration('1:2:3:4'), /'1:2:3:4' is not a duration/);
  });

  it('reads times by a format, with inferred years, 12-hour clocks and the middle of the minute', () => {
    const now = at('2026-11-27T12:00:00Z');
    assert.deepEqual(new TimePattern('YYYY/MM/DD HH:mm:ss').parse('2023/09/19 13:33:54', now, 'UTC'), local(2023, 9, 19, 13, 33, 54));
    assert.deepEqual(new TimePattern('MM/DD hh:mmA').parse('12/31 12:05AM', now, 'UTC'), local(2025, 12, 31, 0, 5, 30));
    assert.deepEqual(new TimePattern('M/D/YY h:mm A').parse(' 6/ 4/97  9:05 pm', now, 'UTC'), local(1997, 6, 4, 21, 5, 30));
    assert.deepEqual(new TimePattern('DD.MM.YYYY HH:mm').parse('03.02.2025 14:15', now, 'UTC'), local(2025, 2, 3, 14, 15, 30));
    assert.throws(() => new TimePattern('YYYY/MM/DD').parse('2023/09/19', now), /needs an hour/);
    assert.throws(() => new TimePattern('HH:mm'), /needs a month/);
    assert.throws(() => new TimePattern('MM/DD hh:mm'), /goes with an AM\/PM marker/);
    assert.throws(() => new TimePattern('MM/DD HH:mm').parse('02/30 10:00', now, 'UTC'), /not a valid date and time/);
    assert.throws(() => new TimePattern('MM/DD hh:mmA').parse('02/03 13:00PM', now, 'UTC'), /hour 13 is not on a 12-hour clock/);
  });
});
