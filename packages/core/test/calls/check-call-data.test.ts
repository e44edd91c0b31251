import assert from 'node:assert/strict';
import { CALL_DATA_LIMITS, CallError } from '@callwire/plugin-api';
import { checkCallInput, type CallInput } from '../../src/calls/check-call-data.js';
import { ApiRequest } from '../../src/protocol/api-request.js';
import { FIELD_LIMITS } from '../../src/protocol/field-limits.js';
import { validateFields } from '../../src/protocol/validate-fields.js';

/** The CallError checkCallInput throws for `input`, as [field, message]. */
function refusal(input: CallInput, functionName?: string): [string | undefined, string] {
  try {
    checkCallInput(input, functionName);
  } catch (err) {
    assert.ok(err instanceof CallError, `a CallError, not ${String(err)}`);
    assert.equal(err.reason, 'FIELD_INVALID');
    return [err.field, err.message];
  }
  assert.fail(`${JSON.stringify(input)} was accepted`);
}

describe('checkCallInput (the domain\'s guard: the manual\'s field table for every caller)', () => {
  it('accepts values at their limits, blanks, unsent values and the Y/N flags as booleans', () => {
    checkCallInput({
      identity: { deviceId: 'd'.repeat(64), callInstance: 'i'.repeat(64), deviceAlias: 'a'.repeat(15), sysUser: 's'.repeat(30), crmUser: 'c'.repeat(30), stationName: 'n'.repeat(50) },
      data: {
        ani: '1'.repeat(20), dnis: '', gate: undefined, callId: 'c'.repeat(16), direction: '?', users: ['u'.repeat(20), undefined, '', 'x'.repeat(255)],
        priority: 100, maxRecordTime: 0, keepDays: 2 ** 31 - 1, archiveAction: Number(2n ** 63n - 1n), agentInitiated: true, ctiInitiated: false, isTrunk: true,
      },
    });
  });

  it('refuses a text value too long, naming the field, the declared limit and the length sent (the door\'s wording)', () => {
    assert.deepEqual(refusal({ data: { ani: '1'.repeat(23) } }), ['ANI', 'ANI is 23 characters; the limit is 20 (char(20))']);
    const door = validateFields(ApiRequest.fromFields([['TYPE', 'CALLSTART'], ['ANI', '1'.repeat(23)]]), FIELD_LIMITS['CALLSTART']!);
    assert.deepEqual(door, ['ANI is 23 characters; the limit is 20 (char(20))']);
  });

  it('checks the identity by the manual\'s names: DEVICEID char(64), CALLINSTANCE varchar(64), DEVICEALIAS, SYS_USER, CRM_USER, STATIONNAME', () => {
    assert.deepEqual(refusal({ identity: { deviceId: 'd'.repeat(65) } }), ['DEVICEID', 'DEVICEID is 65 characters; the limit is 64 (char(64))']);
    assert.deepEqual(refusal({ identity: { deviceId: '1', callInstance: 'i'.repeat(65) } }), ['CALLINSTANCE', 'CALLINSTANCE is 65 characters; the limit is 64 (varchar(64))']);
    assert.deepEqual(refusal({ identity: { deviceAlias: 'a'.repeat(16) } }), ['DEVICEALIAS', 'DEVICEALIAS is 16 characters; the limit is 15 (char(15))']);
    assert.deepEqual(refusal({ identity: { sysUser: 's'.repeat(31) } })[0], 'SYS_USER');
    assert.deepEqual(refusal({ identity: { crmUser: 'c'.repeat(31) } })[0], 'CRM_USER');
    assert.deepEqual(refusal({ identity: { stationName: 'n'.repeat(51) } }), ['STATIONNAME', 'STATIONNAME is 51 characters; the limit is 50 (char(50))']);
  });

  it('gives each USER field its own limit: USER1 varchar(20), USER4 varchar(255), USER9 varchar(50)', () => {
    assert.deepEqual(refusal({ data: { users: ['u'.repeat(21)] } }), ['USER1', 'USER1 is 21 characters; the limit is 20 (varchar(20))']);
    assert.deepEqual(refusal({ data: { users: [, , , 'u'.repeat(256)] } }), ['USER4', 'USER4 is 256 characters; the limit is 255 (varchar(255))']);
    assert.deepEqual(refusal({ data: { users: Array.from({ length: 9 }, (_, i) => (i === 8 ? 'u'.repeat(51) : undefined)) } })[0], 'USER9');
  });

  it('checks numbers: integers within their range (PRIORITY 0-100, MAXRECORDTIME not negative)', () => {
    assert.deepEqual(refusal({ data: { priority: 101 } }), ['PRIORITY', 'PRIORITY must be between 0 and 100, got 101']);
    assert.deepEqual(refusal({ data: { maxRecordTime: -1 } })[1], 'MAXRECORDTIME must be between 0 and 2147483647, got -1');
    assert.deepEqual(refusal({ data: { keepDays: 1.5 } }), ['KEEPDAYS', "KEEPDAYS must be an integer, got '1.5'"]);
    assert.deepEqual(refusal({ data: { maxRecordSilence: Number.NaN } })[0], 'MAXRECORDSILENCE');
    assert.deepEqual(refusal({ data: { archiveAction: 2 ** 64 } })[0], 'ARCHIVEACTION');
  });

  it('checks choices: CALLDIRECTION is I, O or ?', () => {
    assert.deepEqual(refusal({ data: { direction: 'X' as 'I' } }), ['CALLDIRECTION', "CALLDIRECTION must be one of 'I', 'O', '?', got 'X'"]);
  });

  it('refuses a value of the wrong kind, as a plugin in plain JavaScript may send', () => {
    assert.deepEqual(refusal({ data: { ani: 6145551212 as unknown as string } }), ['ANI', 'ANI must be text (char(20)), not number']);
    assert.deepEqual(refusal({ data: { priority: '5' as unknown as number } }), ['PRIORITY', 'PRIORITY must be an integer (integer 0-100), not string']);
    assert.deepEqual(refusal({ data: { direction: true as unknown as 'I' } })[0], 'CALLDIRECTION');
    assert.deepEqual(refusal({ identity: { deviceId: null as unknown as string } }), ['DEVICEID', 'DEVICEID must be text (char(64)), not null']);
    assert.deepEqual(refusal({ data: { users: 'USER1' as unknown as string[] } })[0], 'USER1');
  });

  it('leaves a character XML 1.0 forbids to the door (from a plugin it is carried; the serializer replaces it)', () => {
    checkCallInput({ data: { dnis: '800\u0001' } });
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    checkCallInput({ data: { ani: '😀'.repeat(20), users: ['é'.repeat(20)] } });
    assert.equal(refusal({ data: { ani: '😀'.repeat(21) } })[1], 'ANI is 21 characters; the limit is 20 (char(20))');
  });

  it('uses the named function\'s own table: a blackout\'s DEVICEALIAS is varchar(100), a chat\'s SESSIONID char(255)', () => {
    checkCallInput({ identity: { deviceAlias: 'a'.repeat(100) } }, 'BLACKOUTSTART');
    assert.deepEqual(refusal({ identity: { deviceAlias: 'a'.repeat(101) } }, 'BLACKOUTSTART')[1], 'DEVICEALIAS is 101 characters; the limit is 100 (varchar(100))');
    assert.deepEqual(refusal({ parameters: { TIMEOFFSET: 0.5 } }, 'BLACKOUTSTART')[0], 'TIMEOFFSET');
    assert.deepEqual(refusal({ parameters: { SESSIONID: 's'.repeat(256) } }, 'CHATSTART'), ['SESSIONID', 'SESSIONID is 256 characters; the limit is 255 (char(255))']);
    assert.deepEqual(refusal({ parameters: { KEYNAME: 'PHONE' } }, 'CHATSTART')[0], 'KEYNAME');
    // a key the function's table does not list keeps its call-handling rule
    assert.deepEqual(refusal({ identity: { stationName: 'n'.repeat(51) } }, 'BLACKOUTSTART')[0], 'STATIONNAME');
  });

  it('names the first bad value (the door names them all)', () => {
    assert.deepEqual(refusal({ identity: { deviceId: 'd'.repeat(65) }, data: { ani: '1'.repeat(21) } })[0], 'DEVICEID');
  });
});

describe('CALL_DATA_LIMITS (plugin-api) and the door\'s call-handling table', () => {
  it('are one source: each call-handling rule of FIELD_LIMITS is the shared limit itself', () => {
    const limits = [...Object.values(CALL_DATA_LIMITS).flat()];
    assert.equal(limits.length, 19 + 15);
    for (const name of ['CALLSTART', 'CALLSTOP', 'CALLUPDATE', 'RECORDSTART', 'RECORDSTOP']) {
      for (const { parameter, rule } of limits) assert.equal(FIELD_LIMITS[name]![parameter], rule, `${name} ${parameter}`);
    }
    assert.equal(FIELD_LIMITS['CHATSTART']!['ANI'], CALL_DATA_LIMITS.ani.rule);
    assert.equal(FIELD_LIMITS['CALLLIST']!['USER4'], CALL_DATA_LIMITS.users[3]!.rule);
  });
});
