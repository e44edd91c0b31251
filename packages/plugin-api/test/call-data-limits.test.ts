import assert from 'node:assert/strict';
import { CALL_DATA_LIMITS, fieldRule } from '../src/index.js';

describe('CALL_DATA_LIMITS (the manual\'s call-handling table, per CallData / CallIdentity key)', () => {
  it('names each key\'s parameter as the manual does, once each', () => {
    const { users, ...keys } = CALL_DATA_LIMITS;
    assert.deepEqual(users.map((u) => u.parameter), Array.from({ length: 15 }, (_, i) => `USER${i + 1}`));
    const parameters = Object.values(keys).map((limit) => limit.parameter);
    assert.equal(new Set(parameters).size, parameters.length);
    assert.deepEqual(
      [keys.ani.parameter, keys.sysUser.parameter, keys.callInstance.parameter, keys.direction.parameter],
      ['ANI', 'SYS_USER', 'CALLINSTANCE', 'CALLDIRECTION'],
    );
  });

  it('gives the manual\'s limits: ANI char(20), CALLID char(16), DEVICEID char(64), USER1-3 varchar(20), USER4-8 varchar(255), USER9-15 varchar(50)', () => {
    const declared = (limit: { rule: { declared: string } }) => limit.rule.declared;
    assert.deepEqual([CALL_DATA_LIMITS.ani, CALL_DATA_LIMITS.callId, CALL_DATA_LIMITS.deviceId, CALL_DATA_LIMITS.stationName].map(declared), ['char(20)', 'char(16)', 'char(64)', 'char(50)']);
    assert.deepEqual([0, 2, 3, 7, 8, 14].map((i) => declared(CALL_DATA_LIMITS.users[i]!)), ['varchar(20)', 'varchar(20)', 'varchar(255)', 'varchar(255)', 'varchar(50)', 'varchar(50)']);
    assert.deepEqual(CALL_DATA_LIMITS.priority.rule, { kind: 'integer', min: 0n, max: 100n, declared: 'integer 0-100' });
  });

  it('words each rule as the manual declares it', () => {
    assert.deepEqual(fieldRule.char(20), { kind: 'text', max: 20, declared: 'char(20)' });
    assert.deepEqual(fieldRule.varchar(64), { kind: 'text', max: 64, declared: 'varchar(64)' });
    assert.equal(fieldRule.int32().declared, 'integer (signed 32-bit)');
    assert.equal(fieldRule.int64.declared, 'bigint(8)');
    assert.equal(fieldRule.choice('I', 'O', '?').declared, "'I', 'O', '?'");
  });
});
