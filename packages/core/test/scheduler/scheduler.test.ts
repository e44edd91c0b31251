import assert from 'node:assert/strict';
import { parseSchedules } from '../../src/scheduler/schedule-config.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { AT, call, decidedBy, schedulerOf } from './helpers.js';

/** A scheduler with one schedule named `hit` made of `criteria`. */
const only = (criteria: Record<string, unknown>) => schedulerOf([{ name: 'hit', record: true, ...criteria }]);

describe('Scheduler: each criterion alone', () => {
  it('devices: exact IDs, written as text or as YAML numbers', () => {
    const scheduler = only({ devices: ['7001', 7002] });
    assert.equal(decidedBy(scheduler, { deviceId: '7001' }), 'hit');
    assert.equal(decidedBy(scheduler, { deviceId: '7002' }), 'hit');
    assert.equal(decidedBy(scheduler, { deviceId: '7003' }), undefined);
    assert.equal(decidedBy(scheduler, { deviceId: '70010' }), undefined);
    assert.equal(decidedBy(scheduler, { deviceId: '' }), undefined);
  });

  it('devices: patterns, and a literal ID that holds a dash', () => {
    const scheduler = only({ devices: ['80??', '/^SIP\\//', 'SIP-7001x'] });
    assert.equal(decidedBy(scheduler, { deviceId: '8012' }), 'hit');
    assert.equal(decidedBy(scheduler, { deviceId: '801' }), undefined);
    assert.equal(decidedBy(scheduler, { deviceId: 'SIP/7001' }), 'hit');
    assert.equal(decidedBy(scheduler, { deviceId: 'SIP-7001x' }), 'hit');
    assert.equal(decidedBy(scheduler, { deviceId: 'SIP-7001' }), undefined);
  });

  it('groups: exact and case-sensitive, wildcards anchored', () => {
    const scheduler = only({ groups: ['Sales', 'Support*'] });
    assert.equal(decidedBy(scheduler, { group: 'Sales' }), 'hit');
    assert.equal(decidedBy(scheduler, { group: 'sales' }), undefined);
    assert.equal(decidedBy(scheduler, { group: 'Sales EMEA' }), undefined);
    assert.equal(decidedBy(scheduler, { group: 'Support Tier 2' }), 'hit');
    assert.equal(decidedBy(scheduler, { group: 'Support' }), 'hit');
    assert.equal(decidedBy(scheduler, { group: 'Tech Support' }), undefined);
  });

  it('gates: `?` is exactly one character', () => {
    const scheduler = only({ gates: ['?00'] });
    assert.equal(decidedBy(scheduler, { gate: '100' }), 'hit');
    assert.equal(decidedBy(scheduler, { gate: '900' }), 'hit');
    assert.equal(decidedBy(scheduler, { gate: '00' }), undefined);
    assert.equal(decidedBy(scheduler, { gate: '1000' }), undefined);
  });

  it('ani: wildcard prefix and suffix, anchored at both ends', () => {
    const scheduler = only({ ani: ['555*', '*9999'] });
    assert.equal(decidedBy(scheduler, { ani: '5551234' }), 'hit');
    assert.equal(decidedBy(scheduler, { ani: '555' }), 'hit');
    assert.equal(decidedBy(scheduler, { ani: '15551234' }), undefined);
    assert.equal(decidedBy(scheduler, { ani: '2129999' }), 'hit');
    assert.equal(decidedBy(scheduler, { ani: '21299990' }), undefined);
  });

  it('dnis: exact numbers given as YAML numbers', () => {
    const scheduler = only({ dnis: [8005550100] });
    assert.equal(decidedBy(scheduler, { dnis: '8005550100' }), 'hit');
    assert.equal(decidedBy(scheduler, { dnis: '8005550101' }), undefined);
  });

  it('direction: I / inbound and O / outbound; unknown and blank directions never match', () => {
    for (const inbound of ['I', 'inbound']) {
      const scheduler = only({ direction: inbound });
      assert.equal(decidedBy(scheduler, { direction: 'I' }), 'hit', inbound);
      assert.equal(decidedBy(scheduler, { direction: 'O' }), undefined, inbound);
      assert.equal(decidedBy(scheduler, { direction: '?' }), undefined, inbound);
      assert.equal(decidedBy(scheduler, { direction: '' }), undefined, inbound);
    }
    for (const outbound of ['O', 'outbound']) {
      const scheduler = only({ direction: outbound });
      assert.equal(decidedBy(scheduler, { direction: 'O' }), 'hit', outbound);
      assert.equal(decidedBy(scheduler, { direction: 'I' }), undefined, outbound);
    }
  });

  it('agents: the agent on the call; a call without an agent never matches', () => {
    const scheduler = only({ agents: [17, 42] });
    assert.equal(decidedBy(scheduler, { agentId: 42 }), 'hit');
    assert.equal(decidedBy(scheduler, { agentId: 17 }), 'hit');
    assert.equal(decidedBy(scheduler, { agentId: 4 }), undefined);
    assert.equal(decidedBy(scheduler, { agentId: undefined }), undefined);
  });

  it('an empty call field never matches a given criterion, not even `*`', () => {
    assert.equal(decidedBy(only({ ani: ['*'] }), { ani: '' }), undefined);
    assert.equal(decidedBy(only({ ani: ['*'] }), { ani: 'anonymous' }), 'hit');
    assert.equal(decidedBy(only({ groups: ['/.*/'] }), { group: '' }), undefined);
    assert.equal(decidedBy(only({ gates: ['?*'] }), { gate: '' }), undefined);
  });

  it('criteria the schedule leaves out match anything, blanks included', () => {
    const scheduler = only({ groups: ['Sales'] });
    assert.equal(
      decidedBy(scheduler, { deviceId: '', ani: '', dnis: '', gate: '', direction: '', agentId: undefined }),
      'hit',
    );
  });
});

describe('Scheduler: patterns', () => {
  it('regular expressions are searched, not anchored, and may anchor themselves', () => {
    assert.equal(decidedBy(only({ ani: ['/555/'] }), { ani: '15550' }), 'hit');
    assert.equal(decidedBy(only({ ani: ['/^555/'] }), { ani: '15550' }), undefined);
    assert.equal(decidedBy(only({ ani: ['/^\\+1212\\d{7}$/'] }), { ani: '+12125551234' }), 'hit');
    assert.equal(decidedBy(only({ ani: ['/^\\+1212\\d{7}$/'] }), { ani: '+121255512345' }), undefined);
  });

  it('regex characters in wildcard patterns are literal', () => {
    const scheduler = only({ groups: ['a.c', '(x)+*', '[1]'] });
    assert.equal(decidedBy(scheduler, { group: 'a.c' }), 'hit');
    assert.equal(decidedBy(scheduler, { group: 'abc' }), undefined);
    assert.equal(decidedBy(scheduler, { group: '(x)+ yz' }), 'hit');
    assert.equal(decidedBy(scheduler, { group: 'xx' }), undefined);
    assert.equal(decidedBy(scheduler, { group: '[1]' }), 'hit');
    assert.equal(decidedBy(scheduler, { group: '1' }), undefined);
  });

  it('a text starting with `/` but not ending with one is not a regex', () => {
    const scheduler = only({ gates: ['/sales'] });
    assert.equal(decidedBy(scheduler, { gate: '/sales' }), 'hit');
    assert.equal(decidedBy(scheduler, { gate: 'sales' }), undefined);
  });

  it('every item of a mixed list counts: exact, several wildcards, several regexes', () => {
    const scheduler = only({ dnis: ['411', '800*', '888*', '/^9/', '/0$/'] });
    for (const dnis of ['411', '8001', '8889', '9123', '1230']) assert.equal(decidedBy(scheduler, { dnis }), 'hit', dnis);
    for (const dnis of ['4111', '7123', '1231', '88']) assert.equal(decidedBy(scheduler, { dnis }), undefined, dnis);
  });
});

describe('Scheduler: device ranges', () => {
  it('numeric ranges compare as numbers, inclusive at both ends', () => {
    const scheduler = only({ devices: ['7000-7099'] });
    for (const id of ['7000', '7050', '7099', '07050']) assert.equal(decidedBy(scheduler, { deviceId: id }), 'hit', id);
    // as text, '70500' would sort between '7000' and '7099'
    for (const id of ['6999', '7100', '70500', '700', 'A7050', '7050 ']) {
      assert.equal(decidedBy(scheduler, { deviceId: id }), undefined, id);
    }
  });

  it('numeric ranges are exact beyond floating-point precision', () => {
    const scheduler = only({ devices: ['100000000000000000000-100000000000000000099'] });
    assert.equal(decidedBy(scheduler, { deviceId: '100000000000000000050' }), 'hit');
    assert.equal(decidedBy(scheduler, { deviceId: '100000000000000000100' }), undefined);
  });

  it('text ranges hold IDs of the same length that sort between the ends', () => {
    const scheduler = only({ devices: ['A100-A199'] });
    for (const id of ['A100', 'A150', 'A199']) assert.equal(decidedBy(scheduler, { deviceId: id }), 'hit', id);
    for (const id of ['A1500', 'A10', 'A200', 'a150', 'B100']) assert.equal(decidedBy(scheduler, { deviceId: id }), undefined, id);
  });

  it('spaces around the dash are allowed, and ranges mix with IDs', () => {
    const scheduler = only({ devices: ['7000 - 7009', '8000', 'X1-X3'] });
    assert.equal(decidedBy(scheduler, { deviceId: '7005' }), 'hit');
    assert.equal(decidedBy(scheduler, { deviceId: '8000' }), 'hit');
    assert.equal(decidedBy(scheduler, { deviceId: 'X2' }), 'hit');
    assert.equal(decidedBy(scheduler, { deviceId: 'X4' }), undefined);
  });

  it('dashes are ranges only for devices: in other lists they are text', () => {
    assert.equal(decidedBy(only({ groups: ['100-199'] }), { group: '150' }), undefined);
    assert.equal(decidedBy(only({ groups: ['100-199'] }), { group: '100-199' }), 'hit');
  });
});

describe('Scheduler: criteria combined', () => {
  const scheduler = only({
    devices: ['7000-7099'],
    groups: ['Sales'],
    gates: ['1*'],
    ani: ['555*'],
    dnis: ['800*'],
    direction: 'inbound',
    agents: [42],
    days: ['fri'],
    hours: { from: '09:00', to: '17:00' },
  });

  it('matches when every criterion does', () => {
    assert.equal(decidedBy(scheduler, {}), 'hit');
  });

  it('fails when any single criterion fails', () => {
    const misses = [
      { deviceId: '7100' },
      { group: 'Support' },
      { gate: '200' },
      { ani: '666' },
      { dnis: '900' },
      { direction: 'O' as const },
      { agentId: 43 },
    ];
    for (const miss of misses) assert.equal(decidedBy(scheduler, miss), undefined, JSON.stringify(miss));
    assert.equal(decidedBy(scheduler, {}, Date.UTC(2024, 2, 9, 15, 0)), undefined, 'Saturday');
    assert.equal(decidedBy(scheduler, {}, Date.UTC(2024, 2, 8, 17, 0)), undefined, '17:00');
  });
});

describe('Scheduler: order and outcome', () => {
  it('the first matching schedule decides: an exclusion rule before a catch-all', () => {
    const scheduler = schedulerOf([
      { name: 'no-hr', record: false, groups: ['HR'] },
      { name: 'vip', record: true, ani: ['5551000'], priority: 90 },
      { name: 'everything', record: true },
    ]);
    assert.deepEqual(scheduler.decide(call({ group: 'HR', ani: '5551000' }), AT), { record: false, schedule: 'no-hr', priority: 50 });
    assert.deepEqual(scheduler.decide(call({ ani: '5551000' }), AT), { record: true, schedule: 'vip', priority: 90 });
    assert.deepEqual(scheduler.decide(call(), AT), { record: true, schedule: 'everything', priority: 50 });
  });

  it('a later, more specific schedule does not override an earlier match', () => {
    const scheduler = schedulerOf([
      { name: 'sales', record: true, groups: ['Sales'], priority: 60 },
      { name: 'sales-7000s', record: true, groups: ['Sales'], devices: ['7000-7099'], priority: 90 },
    ]);
    assert.equal(decidedBy(scheduler, { deviceId: '7050' }), 'sales');
  });

  it('no schedule matching means not recorded, priority 50, no schedule name', () => {
    const decision = schedulerOf([{ name: 'sales', record: true, groups: ['Sales'] }]).decide(call({ group: 'HR' }), AT);
    assert.deepEqual(decision, { record: false, priority: 50 });
    assert.equal('schedule' in decision, false);
    assert.deepEqual(new Scheduler([]).decide(call(), AT), { record: false, priority: 50 });
  });

  it('defaults: priority 50 and no recording limits when the schedule names none', () => {
    assert.deepEqual(only({}).decide(call(), AT), { record: true, schedule: 'hit', priority: 50 });
  });

  it('a schedule passes on its priority and recording settings', () => {
    const scheduler = only({ priority: 80, maxRecordTime: 3600, maxRecordSilence: 120, keepDays: 90, archiveAction: -1 });
    assert.deepEqual(scheduler.decide(call(), AT), {
      record: true,
      schedule: 'hit',
      priority: 80,
      maxRecordTime: 3600,
      maxRecordSilence: 120,
      keepDays: 90,
      archiveAction: -1,
    });
  });

  it('zeros are settings, not absences', () => {
    assert.deepEqual(only({ priority: 0, maxRecordTime: 0, keepDays: 0, archiveAction: 0 }).decide(call(), AT), {
      record: true,
      schedule: 'hit',
      priority: 0,
      maxRecordTime: 0,
      keepDays: 0,
      archiveAction: 0,
    });
  });

  it('decisions are prebuilt, shared and frozen', () => {
    const scheduler = only({ priority: 70 });
    const first = scheduler.decide(call(), AT);
    assert.equal(scheduler.decide(call({ deviceId: '9' }), AT + 1), first);
    assert.ok(Object.isFrozen(first));
    assert.ok(Object.isFrozen(new Scheduler([]).decide(call(), AT)));
  });

  it('the scheduler keeps its own copy of the schedule list', () => {
    const schedules = parseSchedules([{ name: 'a', record: true }]);
    const scheduler = new Scheduler(schedules);
    schedules.length = 0;
    assert.equal(decidedBy(scheduler, {}), 'a');
  });
});

describe('Scheduler: percentages', () => {
  /** A `random` that plays back `values` and counts its calls. */
  function sequence(values: number[]) {
    const random = () => {
      random.calls++;
      const value = values.shift();
      if (value === undefined) throw new Error('random() called more often than expected');
      return value;
    };
    random.calls = 0;
    return random;
  }

  it('records that share of matching calls, one draw per call, misses named by the schedule', () => {
    const random = sequence([0.05, 0.5, 0.0999, 0.1, 0.99]);
    const scheduler = schedulerOf([{ name: 'sample', record: 10, groups: ['Sales'], priority: 30 }], { random });
    const outcomes = Array.from({ length: 5 }, () => scheduler.decide(call(), AT));
    assert.deepEqual(
      outcomes.map((d) => d.record),
      [true, false, true, false, false],
    );
    assert.deepEqual(outcomes[1], { record: false, schedule: 'sample', priority: 30 });
    assert.deepEqual(outcomes[0], { record: true, schedule: 'sample', priority: 30 });
    assert.equal(random.calls, 5);
  });

  it('fractional percentages', () => {
    const scheduler = schedulerOf([{ name: 'p', record: 12.5 }], { random: sequence([0.1249, 0.125]) });
    assert.equal(scheduler.decide(call(), AT).record, true);
    assert.equal(scheduler.decide(call(), AT).record, false);
  });

  it('0 never and 100 always record, without drawing; neither do true and false', () => {
    const random = sequence([]);
    for (const [record, expected] of [
      [0, false],
      [100, true],
      [true, true],
      [false, false],
    ] as const) {
      const decision = schedulerOf([{ name: 'p', record }], { random }).decide(call(), AT);
      assert.deepEqual(decision, { record: expected, schedule: 'p', priority: 50 }, String(record));
    }
    assert.equal(random.calls, 0);
  });

  it('draws only for the schedule that decides', () => {
    const random = sequence([0.9]);
    const scheduler = schedulerOf(
      [
        { name: 'half-of-sales', record: 50, groups: ['Sales'] },
        { name: 'half-of-rest', record: 50 },
      ],
      { random },
    );
    assert.deepEqual(scheduler.decide(call({ group: 'HR' }), AT), { record: false, schedule: 'half-of-rest', priority: 50 });
    assert.equal(random.calls, 1);
  });
});
