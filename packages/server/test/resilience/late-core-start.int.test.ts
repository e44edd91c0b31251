import assert from 'node:assert/strict';
import { ManualClock } from '@callwire/plugin-kit';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';
import { waitUntil } from './wait-until.js';

describe('a recorder core slower than its time limit', function () {
  this.timeout(30000);

  it('a CALLSTART that fails leaves no channel recording: the late start is stopped and the next CALLSTART records', async () => {
    const clock = new ManualClock();
    const t = await startTestHost({}, { clock });
    try {
      const core = t.addCore(new InTestRecorder(1, 1));
      const client = await t.client();
      core.holdStarts = true;
      const reply = send(client, 'CALLSTART', { DEVICEID: '2001' });
      await waitUntil(() => core.heldStarts === 1, 'the core to get the start');
      await clock.advance(2000); // the core time limit
      const failed = await reply;
      assert.equal(tag(failed, 'RESULTTYPE'), 'API_ERROR_RECORDER_NOT_RUNNING', 'the start did not happen within the time limit');
      assert.match(tag(failed, 'RESULTMSG')!, /did not answer within 2000 ms/);

      core.releaseStarts(); // the core takes the start after all
      await waitUntil(() => core.stopped.length === 1, 'the late start to be stopped');
      assert.ok(core.hasFreeChannel(), 'its only channel is free again');
      assert.deepEqual(core.channels().map((c) => c.state), ['Idle']);

      assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: '2001' }), 'RESULTTYPE'), 'API_OK');
      assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '2002' }), 'RESULTTYPE'), 'API_OK', 'not API_ERROR_NO_FREE_CHANNELS');
    } finally {
      await t.close();
    }
  });
});
