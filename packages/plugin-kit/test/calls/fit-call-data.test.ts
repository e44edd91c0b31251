import assert from 'node:assert/strict';
import { CALL_DATA_LIMITS } from '@callwire/plugin-api';
import { fitCallData } from '../../src/index.js';

describe('fitCallData', () => {
  it('leaves data within the manual\'s limits as it is, and clips nothing', () => {
    const data = { ani: '6'.repeat(20), dnis: '8005550100', callId: 'c'.repeat(16), direction: 'I' as const, priority: 100, users: ['u', undefined] };
    assert.deepEqual(fitCallData(data), { data, clipped: [] });
  });

  it('cuts each text value to its limit and names the field, the value sent, its length and the declared limit', () => {
    const { data, clipped } = fitCallData({ ani: '1'.repeat(23), callId: 'x'.repeat(17), gate: 'g', priority: 5 });
    assert.deepEqual(data, { ani: '1'.repeat(20), callId: 'x'.repeat(16), gate: 'g', priority: 5 });
    assert.deepEqual(clipped, [
      `ANI '${'1'.repeat(23)}' (23 characters, char(20))`,
      `CALLID '${'x'.repeat(17)}' (17 characters, char(16))`,
    ]);
  });

  it('uses each USER field\'s own limit (USER1 varchar(20), USER4 varchar(255)) and keeps unsent ones unsent', () => {
    const { data, clipped } = fitCallData({ users: ['a'.repeat(21), undefined, undefined, 'b'.repeat(255)] });
    assert.deepEqual(data.users, ['a'.repeat(20), undefined, undefined, 'b'.repeat(255)]);
    assert.deepEqual(clipped, [`USER1 '${'a'.repeat(21)}' (21 characters, varchar(20))`]);
  });

  it('counts characters as the host does (code points), so a cut never splits one', () => {
    const { data } = fitCallData({ dnis: '😀'.repeat(21) });
    assert.equal([...data.dnis!].length, 20);
    assert.equal(data.dnis, '😀'.repeat(20));
  });

  it('cuts to the numbers of the shared table, every text field of CallData', () => {
    const long = 'z'.repeat(300);
    const { data, clipped } = fitCallData({ deviceAlias: long, sysUser: long, crmUser: long, group: long, gate: long, stationName: long });
    for (const key of ['deviceAlias', 'sysUser', 'crmUser', 'group', 'gate', 'stationName'] as const) {
      const rule = CALL_DATA_LIMITS[key].rule;
      assert.equal(data[key]!.length, rule.kind === 'text' ? rule.max : NaN, key);
    }
    assert.deepEqual(clipped.map((c) => c.split(' ')[0]), ['DEVICEALIAS', 'SYS_USER', 'CRM_USER', 'GROUP', 'GATE', 'STATIONNAME']);
  });

  it('does not change the data it was given', () => {
    const sent = { ani: '9'.repeat(25), users: ['u'.repeat(30)] };
    fitCallData(sent);
    assert.deepEqual(sent, { ani: '9'.repeat(25), users: ['u'.repeat(30)] });
  });
});
