import assert from 'node:assert/strict';
import { readCallData, readCallIdentity, type CallParameters } from '../src/index.js';

/** Parameters by the manual's names, as a door hands them over (values trimmed). */
function parameters(values: Record<string, string>): CallParameters {
  return { get: (name) => values[name], nonBlank: (name) => (values[name] ? values[name] : undefined) };
}

describe('call parameters in the manual\'s names', () => {
  it('reads the identity, blanks counting as not sent (CALLINSTANCE kept as sent)', () => {
    assert.deepEqual(readCallIdentity(parameters({ DEVICEID: '201', DEVICEALIAS: '', CALLINSTANCE: '' })), {
      deviceId: '201', deviceAlias: undefined, sysUser: undefined, crmUser: undefined, stationName: undefined, callInstance: '',
    });
  });

  it('reads call data: numbers, Y/N flags, the direction in upper case, USER1–USER15 in order, the rest not sent', () => {
    const data = readCallData(parameters({ ANI: '6145551212', CALLDIRECTION: 'i', PRIORITY: '7', AGENTINITIATED: 'y', CTIINITIATED: 'N', USER2: 'Gold', USER15: 'last' }));
    assert.deepEqual([data.ani, data.dnis, data.direction, data.priority, data.agentInitiated, data.ctiInitiated, data.keepDays], ['6145551212', undefined, 'I', 7, true, false, undefined]);
    assert.deepEqual(data.users, [undefined, 'Gold', ...Array(12).fill(undefined), 'last']);
    assert.equal(readCallData(parameters({ CALLDIRECTION: 'sideways' })).direction, 'sideways', 'kept as sent, for the check to name');
  });
});
