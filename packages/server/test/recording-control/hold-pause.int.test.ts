import assert from 'node:assert/strict';
import { CallService } from '@callwire/core';
import { ManualClock } from '@callwire/plugin-kit';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';

describe('a hold that pauses recording (CallSignals.hold with pauseRecording)', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  let core: InTestRecorder;
  let clock: ManualClock;
  const calls = () => t.host.container.get(CallService);
  const recordEvents = () => t.events.filter((e) => e.event.type.startsWith('RECORDING')).map((e) => e.event.type);

  beforeEach(async () => {
    clock = new ManualClock();
    t = await startTestHost({}, { clock });
    core = t.addCore(new InTestRecorder(1));
    client = await t.client();
  });
  afterEach(() => t.close());

  it('pauses the recording on hold and resumes it on retrieve, with RECORDINGPAUSED / RECORDINGRESUMED and recordpaused', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7101' });
    await clock.advance(1000);
    await calls().hold({ deviceId: '7101' }, { pauseRecording: true });
    assert.equal(tag(await send(client, 'DEVICERECORDINGSTATUS', { DEVICEID: '7101' }), 'STATUS'), 'recordpaused');
    await clock.advance(2000);
    await calls().retrieve({ deviceId: '7101' });
    await send(client, 'CALLSTOP', { DEVICEID: '7101' });
    assert.deepEqual(core.blackoutCommands.map((c) => c.command), ['pause', 'resume']);
    assert.deepEqual(recordEvents(), ['RECORDINGSTARTED', 'RECORDINGPAUSED', 'RECORDINGRESUMED', 'RECORDINGSTOPPED', 'RECORDINGUPDATE']);
  });

  it('a plain hold (no pauseRecording) changes nothing on the recording, as before', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7102' });
    await calls().hold({ deviceId: '7102' });
    await calls().retrieve({ deviceId: '7102' });
    assert.deepEqual(core.blackoutCommands, []);
    assert.ok(!recordEvents().includes('RECORDINGPAUSED'));
  });

  it('a blackout during the hold keeps the recording paused after retrieve, and one pause/resume pair reaches the core', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7103' });
    await calls().hold({ deviceId: '7103' }, { pauseRecording: true });
    await send(client, 'BLACKOUTSTART', { DEVICEID: '7103' });
    await calls().retrieve({ deviceId: '7103' });
    assert.equal(tag(await send(client, 'DEVICERECORDINGSTATUS', { DEVICEID: '7103' }), 'STATUS'), 'recordpaused', 'the blackout still holds it');
    assert.deepEqual(core.blackoutCommands.map((c) => c.command), ['pause']);
    await send(client, 'BLACKOUTSTOP', { DEVICEID: '7103' });
    assert.deepEqual(core.blackoutCommands.map((c) => c.command), ['pause', 'resume']);
    assert.deepEqual(recordEvents().filter((e) => e !== 'RECORDINGSTARTED'), ['RECORDINGPAUSED', 'RECORDINGRESUMED']);
  });

  it('a RECORDSTART while held starts paused', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7104' });
    await calls().hold({ deviceId: '7104' }, { pauseRecording: true });
    await send(client, 'RECORDSTART', { DEVICEID: '7104' });
    assert.equal(core.started.at(-1)?.startPaused, true);
  });
});
