import assert from 'node:assert/strict';
import { parseSchedules, scheduleConfigSchema, ScheduleConfigError } from '../../src/scheduler/schedule-config.js';
import { Schedule } from '../../src/scheduler/schedule.js';

/** The issues parseSchedules reports for `entries`; fails the test when it accepts them. */
function issuesOf(entries: readonly unknown[]): string[] {
  try {
    parseSchedules(entries);
  } catch (error) {
    assert.ok(error instanceof ScheduleConfigError, `expected a ScheduleConfigError, got ${String(error)}`);
    return error.issues;
  }
  assert.fail('the schedules were accepted');
}

/** The issues for one entry `{ name: 's', record: true, ...keys }`. */
const issuesFor = (keys: Record<string, unknown>) => issuesOf([{ name: 's', record: true, ...keys }]);

describe('parseSchedules: valid configs', () => {
  it('accepts every key, and the default "record everything" schedule', () => {
    const schedules = parseSchedules([
      {
        name: 'full',
        record: 25,
        devices: ['7000-7099', 7100, 'A100-A199', 'SIP/*', '/^PJSIP/'],
        groups: ['Sales', 'Support*'],
        gates: ['1??'],
        ani: ['555*', 5551234],
        dnis: ['/^800/'],
        direction: 'outbound',
        agents: [1, 2],
        days: ['mon', 'Friday'],
        hours: { from: '22:00', to: '06:00' },
        priority: 100,
        maxRecordTime: 3600,
        maxRecordSilence: 0,
        keepDays: 365,
        archiveAction: -1,
      },
      { name: 'everything', record: true },
    ]);
    assert.deepEqual(
      schedules.map((s) => s.name),
      ['full', 'everything'],
    );
    assert.ok(schedules.every((s) => s instanceof Schedule));
  });

  it('keeps a frozen copy of each entry', () => {
    const entry = { name: 'sales', record: true, groups: ['Sales'], hours: { from: '09:00', to: '17:00' } };
    const [schedule] = parseSchedules([entry]);
    entry.groups.push('HR');
    assert.deepEqual(schedule!.config, { name: 'sales', record: true, groups: ['Sales'], hours: { from: '09:00', to: '17:00' } });
    assert.ok(Object.isFrozen(schedule!.config));
    assert.ok(Object.isFrozen(schedule!.config.groups));
    assert.ok(Object.isFrozen(schedule!.config.hours));
  });

  it('accepts an empty list (then nothing is recorded)', () => {
    assert.deepEqual(parseSchedules([]), []);
  });

  it('the schema alone validates one entry, for hosts that embed it', () => {
    assert.equal(scheduleConfigSchema.safeParse({ name: 'x', record: 50, devices: ['7000-7099'] }).success, true);
    assert.equal(scheduleConfigSchema.safeParse({ name: 'x', record: true, devices: ['7099-7000'] }).success, false);
    assert.equal(scheduleConfigSchema.safeParse({ name: 'x', record: true, devise: ['7000'] }).success, false);
  });
});

describe('parseSchedules: errors', () => {
  it('ranges that run backwards, numeric and text, with a hint for IDs that hold a dash', () => {
    assert.deepEqual(issuesFor({ devices: ['7000-7099', '7099-7000', 'SIP-100'] }), [
      "schedules[0].devices[1]: range '7099-7000' runs backwards: '7099' comes after '7000'",
      "schedules[0].devices[2]: range 'SIP-100' runs backwards: 'SIP' comes after '100' (for the single device 'SIP-100', write '/^SIP-100$/')",
    ]);
    // and the hinted form does what it says
    assert.equal(parseSchedules([{ name: 's', record: true, devices: ['/^SIP-100$/'] }]).length, 1);
  });

  it('bad times, including 25:00, 24:00 as a start, and unquoted YAML numbers', () => {
    assert.deepEqual(issuesFor({ hours: { from: '25:00', to: '9:60' } }), [
      "schedules[0].hours.from: expected a time 'HH:MM' from 00:00 to 23:59, got '25:00'",
      "schedules[0].hours.to: expected a time 'HH:MM' from 00:00 to 24:00, got '9:60'",
    ]);
    assert.deepEqual(issuesFor({ hours: { from: '24:00', to: '9am' } }), [
      "schedules[0].hours.from: expected a time 'HH:MM' from 00:00 to 23:59, got '24:00'",
      "schedules[0].hours.to: expected a time 'HH:MM' from 00:00 to 24:00, got '9am'",
    ]);
    assert.deepEqual(issuesFor({ hours: { from: 540, to: '17:00' } }), [
      "schedules[0].hours.from: expected a time 'HH:MM' from 00:00 to 23:59, got 540 (put the time in quotes: '09:00')",
    ]);
  });

  it('hours: both ends required, no other keys, not an empty window', () => {
    assert.deepEqual(issuesFor({ hours: { from: '09:00' } }), ['schedules[0].hours.to: required']);
    assert.deepEqual(issuesFor({ hours: { form: '09:00', to: '17:00' } }), [
      'schedules[0].hours.from: required',
      "schedules[0].hours.form: unknown key (did you mean 'from'?)",
    ]);
    assert.deepEqual(issuesFor({ hours: { from: '9:00', to: '09:00' } }), [
      "schedules[0].hours: 'from' and 'to' are both 9:00: an empty window (leave 'hours' out to match all day)",
    ]);
    assert.deepEqual(issuesFor({ hours: '9-5' }), ["schedules[0].hours: expected { from: 'HH:MM', to: 'HH:MM' }, got '9-5'"]);
  });

  it('unknown days, with a hint when close', () => {
    assert.deepEqual(issuesFor({ days: ['mon', 'funday', 'thur', 3] }), [
      "schedules[0].days[1]: expected a day mon, tue, wed, thu, fri, sat or sun, got 'funday'",
      "schedules[0].days[2]: expected a day mon, tue, wed, thu, fri, sat or sun, got 'thur' (did you mean 'thu'?)",
      'schedules[0].days[3]: expected a day mon, tue, wed, thu, fri, sat or sun, got 3',
    ]);
  });

  it('priority and recording settings out of range or not whole numbers', () => {
    assert.deepEqual(
      issuesFor({ priority: 101, maxRecordTime: -1, maxRecordSilence: '60', keepDays: 1.5, archiveAction: -2 }),
      [
        'schedules[0].priority: expected an integer 0-100, got 101',
        'schedules[0].maxRecordTime: expected a whole number of seconds, got -1',
        "schedules[0].maxRecordSilence: expected a whole number of seconds, got '60'",
        'schedules[0].keepDays: expected a whole number of days, got 1.5',
        'schedules[0].archiveAction: expected an archive action ID (a whole number, or -1), got -2',
      ],
    );
    assert.deepEqual(issuesFor({ priority: -1 }), ['schedules[0].priority: expected an integer 0-100, got -1']);
    assert.deepEqual(issuesFor({ priority: 50.5 }), ['schedules[0].priority: expected an integer 0-100, got 50.5']);
    assert.deepEqual(issuesFor({ maxRecordTime: 2 ** 31 }), [
      'schedules[0].maxRecordTime: expected a whole number of seconds, got 2147483648',
    ]);
  });

  it('bad regular expressions, named with the reason', () => {
    assert.deepEqual(issuesFor({ ani: ['/(abc/', '/ok/'], groups: ['/[z-a]/'] }), [
      "schedules[0].groups[0]: bad regular expression '/[z-a]/': Range out of order in character class",
      "schedules[0].ani[0]: bad regular expression '/(abc/': Unterminated group",
    ]);
  });

  it('list shapes: not a list, empty, empty items, items that are neither text nor whole numbers', () => {
    assert.deepEqual(issuesFor({ groups: 'Sales', dnis: [], gates: [''], devices: [3.5, true], agents: ['x', 7] }), [
      'schedules[0].devices[0]: expected text or a whole number, got 3.5',
      'schedules[0].devices[1]: expected text or a whole number, got true',
      "schedules[0].groups: expected a list of values or patterns, got 'Sales'",
      'schedules[0].gates[0]: must not be empty',
      "schedules[0].dnis: must not be empty (leave 'dnis' out to match every call)",
      "schedules[0].agents[0]: expected an agent ID (a whole number), got 'x'",
    ]);
  });

  it('direction words', () => {
    assert.deepEqual(issuesFor({ direction: 'in' }), ["schedules[0].direction: expected 'I', 'O', 'inbound' or 'outbound', got 'in'"]);
    assert.deepEqual(issuesFor({ direction: '?' }), ["schedules[0].direction: expected 'I', 'O', 'inbound' or 'outbound', got '?'"]);
  });

  it('name and record: required, and checked even though the host checks them too', () => {
    assert.deepEqual(issuesOf([{ record: true }, { name: 'x' }, { name: ' ', record: 'yes' }, { name: 'y', record: 101 }]), [
      'schedules[0].name: required',
      'schedules[1].record: required',
      "schedules[2].name: expected a name, got ' '",
      "schedules[2].record: expected true, false or a percentage 0-100, got 'yes'",
      'schedules[3].record: expected true, false or a percentage 0-100, got 101',
    ]);
  });

  it('entries that are not objects', () => {
    assert.deepEqual(issuesOf([5, null, ['a']]), [
      'schedules[0]: expected a schedule { name, record, … }, got 5',
      'schedules[1]: expected a schedule { name, record, … }, got null',
      'schedules[2]: expected a schedule { name, record, … }, got a list',
    ]);
    assert.deepEqual(issuesOf('everything' as unknown as unknown[]), ["schedules: expected a list, got 'everything'"]);
  });

  it('unknown keys, with a did-you-mean hint when one is easy', () => {
    assert.deepEqual(issuesFor({ device: ['7001'], PRIORITY: 5, calldirection: 'I', weekdays: ['mon'], colour: 'red' }), [
      "schedules[0].device: unknown key (did you mean 'devices'?)",
      "schedules[0].PRIORITY: unknown key (did you mean 'priority'?)",
      "schedules[0].calldirection: unknown key (did you mean 'direction'?)",
      "schedules[0].weekdays: unknown key (did you mean 'days'?)",
      'schedules[0].colour: unknown key',
    ]);
  });

  it('duplicate names', () => {
    assert.deepEqual(
      issuesOf([
        { name: 'sales', record: true, groups: ['Sales'] },
        { name: 'hr', record: false, groups: ['HR'] },
        { name: 'sales', record: true, groups: ['Sales 2'] },
      ]),
      ["schedules[2].name: 'sales' is already the name of schedules[0]"],
    );
  });

  it('a schedule without criteria before others, which could never be used', () => {
    assert.deepEqual(
      issuesOf([
        { name: 'everything', record: true },
        { name: 'hr', record: false, groups: ['HR'] },
      ]),
      ['schedules[0]: has no criteria, so it decides every call and the schedule after it would never be used (move it last)'],
    );
    assert.deepEqual(
      issuesOf([
        { name: 'sample', record: 5, priority: 10 },
        { name: 'a', record: true, groups: ['A'] },
        { name: 'b', record: true },
      ]),
      ['schedules[0]: has no criteria, so it decides every call and the 2 schedules after it would never be used (move it last)'],
    );
  });

  it('lists every problem of every entry together, in order', () => {
    let error: unknown;
    try {
      parseSchedules([
        { name: 'a', record: true, devices: ['7099-7000'], days: ['funday'], hours: { from: '25:00', to: '06:00' }, priority: 101, ani: ['/(/'], drection: 'I' },
        { name: 'a', record: 150 },
        { name: 'everything', record: true },
        'late',
      ]);
    } catch (caught) {
      error = caught;
    }
    assert.ok(error instanceof ScheduleConfigError);
    assert.equal(error.name, 'ScheduleConfigError');
    const expected = [
      "schedules[0].devices[0]: range '7099-7000' runs backwards: '7099' comes after '7000'",
      "schedules[0].ani[0]: bad regular expression '/(/': Unterminated group",
      "schedules[0].days[0]: expected a day mon, tue, wed, thu, fri, sat or sun, got 'funday'",
      "schedules[0].hours.from: expected a time 'HH:MM' from 00:00 to 23:59, got '25:00'",
      'schedules[0].priority: expected an integer 0-100, got 101',
      "schedules[0].drection: unknown key (did you mean 'direction'?)",
      'schedules[1].record: expected true, false or a percentage 0-100, got 150',
      "schedules[1].name: 'a' is already the name of schedules[0]",
      "schedules[3]: expected a schedule { name, record, … }, got 'late'",
      'schedules[2]: has no criteria, so it decides every call and the schedule after it would never be used (move it last)',
    ];
    assert.deepEqual(error.issues, expected);
    assert.equal(error.message, ['invalid schedules:', ...expected.map((line) => `  ${line}`)].join('\n'));
  });
});
