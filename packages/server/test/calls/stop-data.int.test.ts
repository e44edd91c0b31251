import assert from 'node:assert/strict';
import { InTestRecorder, startTestHost, type TestHost } from '@callwire/plugin-kit/testing';

describe('data sent with CALLSTOP and RECORDSTOP reaches the stored recording', function () {
  this.timeout(20000);
  let t: TestHost;

  beforeEach(async () => {
    t = await startTestHost();
    t.addCore(new InTestRecorder(1));
  });
  afterEach(() => t.close());

  it('CALLSTOP with DNIS, CALLID and USER5 completes the row with them, and CALLLIST shows them', async () => {
    assert.equal((await t.request('CALLSTART', { DEVICEID: '5101', ANI: '6145551212' })).code, 20);
    assert.equal((await t.request('CALLSTOP', { DEVICEID: '5101', DNIS: '8005550100', CALLID: 'c-77', USER5: 'wrap-up: refund' })).code, 20);
    await t.event('RECORDINGUPDATE', '5101');
    const [row] = await t.recordings('5101');
    assert.deepEqual([row?.['ani'], row?.['dnis'], row?.['callid'], row?.['user5'], row?.['state']], ['6145551212', '8005550100', 'c-77', 'wrap-up: refund', 'complete']);
    const list = await t.request('CALLLIST', { DEVICEID: '5101' });
    assert.match(JSON.stringify(list.body), /"DNIS":"8005550100"/);
  });

  it('RECORDSTOP with USER1 completes the partial recording with it', async () => {
    await t.request('CALLSTART', { DEVICEID: '5102' });
    assert.equal((await t.request('RECORDSTART', { DEVICEID: '5102' })).code, 20);
    assert.equal((await t.request('RECORDSTOP', { DEVICEID: '5102', USER1: 'consented' })).code, 20);
    await t.waitFor(async () => (await t.recordings('5102')).some((r) => r['recording_type'] === 'partial' && r['state'] === 'complete'), 'the partial row');
    const partial = (await t.recordings('5102')).find((r) => r['recording_type'] === 'partial');
    assert.equal(partial?.['user1'], 'consented');
  });
});
