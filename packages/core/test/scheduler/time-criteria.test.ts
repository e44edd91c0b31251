import assert from 'node:assert/strict';
import { parseSchedules } from '../../src/scheduler/schedule-config.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { call, decidedBy, schedulerOf } from './helpers.js';

// 2024-03-04 is a Monday. In New York, EST (UTC-5) until Sunday 2024-03-10 02:00,
// then EDT (UTC-4); back to EST on Sunday 2024-11-03 02:00 (EDT).
const utc = (day: number, hour: number, minute = 0) => Date.UTC(2024, 2, day, hour, minute);

const only = (criteria: Record<string, unknown>, timeZone = 'UTC') =>
  schedulerOf([{ name: 'hit', record: true, ...criteria }], { timeZone });

describe('Scheduler: days', () => {
  it('matches the listed weekdays, all day', () => {
    const scheduler = only({ days: ['mon', 'wed'] });
    assert.equal(decidedBy(scheduler, {}, utc(4, 0, 0)), 'hit', 'Monday 00:00');
    assert.equal(decidedBy(scheduler, {}, utc(4, 23, 59)), 'hit', 'Monday 23:59');
    assert.equal(decidedBy(scheduler, {}, utc(5, 12)), undefined, 'Tuesday');
    assert.equal(decidedBy(scheduler, {}, utc(6, 12)), 'hit', 'Wednesday');
    for (let day = 7; day <= 10; day++) assert.equal(decidedBy(scheduler, {}, utc(day, 12)), undefined, `March ${day}`);
  });

  it('every weekday by name, any case, short or full', () => {
    const names = ['Sun', 'MONDAY', 'tue', 'Wednesday', 'thu', 'fri', 'SAT'];
    // 2024-03-03 is a Sunday
    names.forEach((name, offset) => {
      const scheduler = only({ days: [name] });
      assert.equal(decidedBy(scheduler, {}, utc(3 + offset, 12)), 'hit', name);
      assert.equal(decidedBy(scheduler, {}, utc(4 + offset, 12)), undefined, `${name}, next day`);
    });
  });

  it('reads the weekday in the time zone', () => {
    // Saturday 03:00 UTC is still Friday 22:00 in New York
    const at = utc(9, 3);
    assert.equal(decidedBy(only({ days: ['fri'] }, 'America/New_York'), {}, at), 'hit');
    assert.equal(decidedBy(only({ days: ['fri'] }), {}, at), undefined);
    assert.equal(decidedBy(only({ days: ['sat'] }), {}, at), 'hit');
  });
});

describe('Scheduler: hours', () => {
  const office = { hours: { from: '09:00', to: '17:00' } };

  it('from is inclusive, to exclusive', () => {
    const scheduler = only(office);
    assert.equal(decidedBy(scheduler, {}, utc(5, 8, 59)), undefined);
    assert.equal(decidedBy(scheduler, {}, utc(5, 9, 0)), 'hit');
    assert.equal(decidedBy(scheduler, {}, utc(5, 16, 59) + 59_999), 'hit');
    assert.equal(decidedBy(scheduler, {}, utc(5, 17, 0)), undefined);
  });

  it('accepts H:MM and 24:00 as the end of the day', () => {
    const scheduler = only({ hours: { from: '8:30', to: '24:00' } });
    assert.equal(decidedBy(scheduler, {}, utc(5, 8, 29)), undefined);
    assert.equal(decidedBy(scheduler, {}, utc(5, 8, 30)), 'hit');
    assert.equal(decidedBy(scheduler, {}, utc(5, 23, 59)), 'hit');
    assert.equal(decidedBy(scheduler, {}, utc(6, 0, 0)), undefined);
  });

  it('from later than to is an overnight window', () => {
    const scheduler = only({ hours: { from: '22:00', to: '06:00' } });
    assert.equal(decidedBy(scheduler, {}, utc(5, 21, 59)), undefined);
    assert.equal(decidedBy(scheduler, {}, utc(5, 22, 0)), 'hit');
    assert.equal(decidedBy(scheduler, {}, utc(5, 23, 59)), 'hit');
    assert.equal(decidedBy(scheduler, {}, utc(6, 0, 0)), 'hit');
    assert.equal(decidedBy(scheduler, {}, utc(6, 5, 59)), 'hit');
    assert.equal(decidedBy(scheduler, {}, utc(6, 6, 0)), undefined);
    assert.equal(decidedBy(scheduler, {}, utc(6, 12, 0)), undefined);
  });

  it('an overnight window belongs to the day it starts on', () => {
    // Friday night shift: Friday 22:00 to Saturday 06:00
    const scheduler = only({ days: ['fri'], hours: { from: '22:00', to: '06:00' } });
    assert.equal(decidedBy(scheduler, {}, utc(8, 23)), 'hit', 'Friday 23:00');
    assert.equal(decidedBy(scheduler, {}, utc(9, 2)), 'hit', 'Saturday 02:00');
    assert.equal(decidedBy(scheduler, {}, utc(8, 2)), undefined, 'Friday 02:00 (Thursday night)');
    assert.equal(decidedBy(scheduler, {}, utc(9, 6)), undefined, 'Saturday 06:00');
    assert.equal(decidedBy(scheduler, {}, utc(9, 23)), undefined, 'Saturday 23:00');
    assert.equal(decidedBy(scheduler, {}, utc(8, 12)), undefined, 'Friday noon');
  });

  it('a daytime window with days needs both', () => {
    const scheduler = only({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], ...office });
    assert.equal(decidedBy(scheduler, {}, utc(8, 10)), 'hit', 'Friday 10:00');
    assert.equal(decidedBy(scheduler, {}, utc(9, 10)), undefined, 'Saturday 10:00');
    assert.equal(decidedBy(scheduler, {}, utc(8, 18)), undefined, 'Friday 18:00');
  });

  it('reads the hours in the time zone, following daylight saving time', () => {
    const newYork = only(office, 'America/New_York');
    // one scheduler across the EST -> EDT change, so a cached offset must not outlive it
    assert.equal(decidedBy(newYork, {}, utc(8, 13, 30)), undefined, 'Friday 08:30 EST');
    assert.equal(decidedBy(newYork, {}, utc(8, 14, 0)), 'hit', 'Friday 09:00 EST');
    assert.equal(decidedBy(newYork, {}, utc(8, 21, 59)), 'hit', 'Friday 16:59 EST');
    assert.equal(decidedBy(newYork, {}, utc(8, 22, 0)), undefined, 'Friday 17:00 EST');
    assert.equal(decidedBy(newYork, {}, utc(11, 13, 0)), 'hit', 'Monday 09:00 EDT');
    assert.equal(decidedBy(newYork, {}, utc(11, 12, 59)), undefined, 'Monday 08:59 EDT');
    assert.equal(decidedBy(newYork, {}, utc(11, 21, 0)), undefined, 'Monday 17:00 EDT');
    // back again, and in UTC the same instants read differently
    assert.equal(decidedBy(newYork, {}, utc(8, 13, 30)), undefined, 'Friday 08:30 EST again');
    assert.equal(decidedBy(only(office), {}, utc(8, 13, 30)), 'hit', '13:30 UTC');
  });

  it('switches offset exactly at each change: 2024-03-10 02:00 EST = 07:00 UTC', () => {
    const scheduler = only({ hours: { from: '03:00', to: '04:00' } }, 'America/New_York');
    assert.equal(decidedBy(scheduler, {}, utc(10, 6, 59)), undefined, '01:59 EST');
    assert.equal(decidedBy(scheduler, {}, utc(10, 7, 0)), 'hit', '03:00 EDT');
    // and back on 2024-11-03 02:00 EDT = 06:00 UTC
    assert.equal(decidedBy(scheduler, {}, Date.UTC(2024, 10, 3, 7, 0)), undefined, '02:00 EST (03:00 in EDT)');
    assert.equal(decidedBy(scheduler, {}, Date.UTC(2024, 10, 3, 8, 0)), 'hit', '03:00 EST');
  });

  it('uses the system zone when none is given', () => {
    const expected = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    assert.equal(new Scheduler([]).timeZone, expected);
    assert.equal(new Scheduler([], { timeZone: 'America/New_York' }).timeZone, 'America/New_York');
  });

  it('refuses an unknown time zone', () => {
    assert.throws(() => new Scheduler([], { timeZone: 'Mars/Olympus' }), (error: Error) => {
      assert.ok(error instanceof RangeError);
      assert.match(error.message, /unknown time zone 'Mars\/Olympus'/);
      return true;
    });
  });

  it('refuses a start time that is not a number of milliseconds when time matters', () => {
    const scheduler = new Scheduler(parseSchedules([{ name: 'h', record: true, days: ['mon'] }]), { timeZone: 'UTC' });
    assert.throws(() => scheduler.decide(call(), Number.NaN), RangeError);
  });
});
