import assert from 'node:assert/strict';
import { TOKENS, type Storage } from '@callwire/core';
import { ManualClock } from '@callwire/plugin-kit';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';

describe('blackouts (BLACKOUTSTART/STOP, AGENTBLACKOUTSTART/STOP)', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  let core: InTestRecorder;
  /** The engine's time: it moves only when a test advances it. */
  let clock: ManualClock;
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);
  const types = () => t.events.map((e) => `${e.event.type} ${e.event.deviceId}`);

  beforeEach(async () => {
    clock = new ManualClock();
    t = await startTestHost({}, { clock });
    core = t.addCore(new InTestRecorder(1));
    client = await t.client();
  });
  afterEach(() => t.close());

  it('pauses and resumes the recording with RECORDINGPAUSED / RECORDINGRESUMED, shows recordpaused, and stores the span', async () => {
    const subscriber = await t.client();
    await send(subscriber, 'EVENTS', { EVENTCLASS: 'RECORD', EVENTVALUE: '7001' }, 0);
    await send(client, 'CALLSTART', { DEVICEID: '7001' });
    await clock.advance(2000);
    const paused = clock.now();
    const start = await send(client, 'BLACKOUTSTART', { DEVICEID: '7001' });
    assert.equal(tag(start, 'RESULTMSG'), 'BLACKOUTSTART sent to all of the following cores: 1');
    assert.equal(tag(await send(client, 'DEVICERECORDINGSTATUS', { DEVICEID: '7001' }), 'STATUS'), 'recordpaused');
    await clock.advance(3000);
    assert.equal(tag(await send(client, 'BLACKOUTSTOP', { DEVICEID: '7001' }), 'RESULTTYPE'), 'API_OK');
    assert.equal(tag(await send(client, 'DEVICERECORDINGSTATUS', { DEVICEID: '7001' }), 'STATUS'), 'recording');
    await send(client, 'CALLSTOP', { DEVICEID: '7001' });
    const events = await subscriber.read(5);
    assert.deepEqual(events.map((e) => tag(e, 'EVENTTYPE')), ['RECORDINGSTARTED', 'RECORDINGPAUSED', 'RECORDINGRESUMED', 'RECORDINGSTOPPED', 'RECORDINGUPDATE']);
    assert.deepEqual(core.blackoutCommands.map((c) => [c.command, c.at]), [['pause', paused], ['resume', paused + 3000]]);
    const [row] = await storage().recordings.list({ deviceId: '7001' });
    assert.deepEqual(row?.blackouts, [{ start: paused, stop: paused + 3000 }]);
  });

  it('a negative TIMEOFFSET on start reaches back: the core overwrites that span with silence', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7002' });
    await clock.advance(5000);
    const asked = clock.now();
    await send(client, 'BLACKOUTSTART', { DEVICEID: '7002', TIMEOFFSET: -1 });
    assert.deepEqual(core.blackoutCommands.map((c) => [c.command, c.at, c.to]), [
      ['pause', asked, undefined],
      ['silence', asked - 1000, asked], // the second before the message, written already, is overwritten
    ]);
    await send(client, 'CALLSTOP', { DEVICEID: '7002' });
    const [row] = await storage().recordings.list({ deviceId: '7002' });
    assert.deepEqual(row?.blackouts, [{ start: asked - 1000, stop: asked }]);
  });

  it('a negative TIMEOFFSET reaching back before the recording began silences it from its start only', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7007' });
    const started = clock.now();
    await clock.advance(2000);
    await send(client, 'BLACKOUTSTART', { DEVICEID: '7007', TIMEOFFSET: -10 });
    assert.deepEqual(core.blackoutCommands.find((c) => c.command === 'silence'), { command: 'silence', key: core.started[0]!.key, at: started, to: started + 2000 });
  });

  it('a positive TIMEOFFSET is carried out when its time comes', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7006' });
    const asked = clock.now();
    const reply = await send(client, 'BLACKOUTSTART', { DEVICEID: '7006', TIMEOFFSET: 1 });
    assert.equal(tag(reply, 'RESULTMSG'), 'BLACKOUTSTART sent to all of the following cores: 1');
    await clock.advance(999);
    assert.ok(!types().includes('RECORDINGPAUSED 7006'), 'not paused a millisecond before');
    assert.equal(core.blackoutCommands.length, 0);
    const paused = t.nextEvent('RECORDINGPAUSED', '7006');
    await clock.advance(1);
    await paused;
    assert.deepEqual(core.blackoutCommands.map((c) => [c.command, c.at]), [['pause', asked + 1000]], 'paused one second after the request');
  });

  it('a positive TIMEOFFSET still due when Callwire stops is cancelled with the engine\'s other timers', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7008' });
    await send(client, 'BLACKOUTSTART', { DEVICEID: '7008', TIMEOFFSET: 30 });
    assert.equal(clock.pendingCount, 1, 'the blackout waits on the engine\'s timers');
    await t.close();
    assert.equal(clock.pendingCount, 0);
    assert.equal(core.blackoutCommands.length, 0, 'the recording ended with the call, never paused');
  });

  it('a stop whose offset lands before the start is clamped to the start', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7003' });
    await send(client, 'BLACKOUTSTART', { DEVICEID: '7003' });
    await send(client, 'BLACKOUTSTOP', { DEVICEID: '7003', TIMEOFFSET: -60 });
    await send(client, 'CALLSTOP', { DEVICEID: '7003' });
    const [row] = await storage().recordings.list({ deviceId: '7003' });
    assert.equal(row!.blackouts[0]!.stop, row!.blackouts[0]!.start);
  });

  it('a blackout still open when the call ends is closed at the call\'s end', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7004' });
    await send(client, 'BLACKOUTSTART', { DEVICEID: '7004' });
    await send(client, 'CALLSTOP', { DEVICEID: '7004' });
    const [row] = await storage().recordings.list({ deviceId: '7004' });
    assert.equal(row!.blackouts[0]!.stop, row!.stop_time);
  });

  it('answers 38 for a stop with no open blackout and for a second start; 8 without exactly one identifier; 14 for a bad REQUESTID', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7005' });
    assert.equal(tag(await send(client, 'BLACKOUTSTOP', { DEVICEID: '7005' }), 'RESULTCODE'), '38');
    await send(client, 'BLACKOUTSTART', { DEVICEID: '7005' });
    assert.equal(tag(await send(client, 'BLACKOUTSTART', { DEVICEID: '7005' }), 'RESULTCODE'), '38');
    assert.equal(tag(await send(client, 'BLACKOUTSTART', {}), 'RESULTCODE'), '8');
    const two = await send(client, 'BLACKOUTSTART', { DEVICEID: '7005', SYS_USER: 'JSMITH' });
    assert.equal(tag(two, 'RESULTCODE'), '8');
    assert.equal(tag(two, 'RESULTMSG'), 'DEVICEID and SYS_USER were all sent: send exactly one of DEVICEID, DEVICEALIAS, CRM_USER or SYS_USER');
    assert.equal(tag(await send(client, 'BLACKOUTSTART', { DEVICEALIAS: 'NOBODY' }), 'RESULTCODE'), '8');
    await client.write('<REQUEST><REQUESTID>x</REQUESTID><TYPE>BLACKOUTSTOP</TYPE><DEVICEID>7005</DEVICEID></REQUEST>\r\n');
    assert.equal(tag((await client.read())[0]!, 'RESULTCODE'), '14');
  });

  it('on a device nobody knows, BLACKOUTSTART and BLACKOUTSTOP answer 8 API_DEVICE_INVALID ("Could not find a valid device from the given parameters"); a known device with no call in progress (a call ended, an agent\'s phone, a station\'s device) answers 7 API_DEVICE_NOT_IN_CALL, since nothing was blacked out', async () => {
    for (const type of ['BLACKOUTSTART', 'BLACKOUTSTOP']) {
      const unknown = await send(client, type, { DEVICEID: '9999' });
      assert.deepEqual([tag(unknown, 'RESULTCODE'), tag(unknown, 'RESULTTYPE')], ['8', 'API_DEVICE_INVALID'], type);
      assert.match(tag(unknown, 'RESULTMSG')!, /^Could not find a valid device from the given parameters/);
    }
    await send(client, 'CALLSTART', { DEVICEID: '7010' });
    await send(client, 'CALLSTOP', { DEVICEID: '7010' });
    const agent = await storage().users.add({ first_name: 'Ann', last_name: 'Lee' });
    await storage().phones.add('7011', agent);
    assert.equal(tag(await send(client, 'IMPORTWORKSTATION', { STATIONNAME: 'DESK12', DEVICEID: '7012', LOCATIONID: 1 }), 'RESULTTYPE'), 'API_OK');
    for (const device of ['7010', '7011', '7012']) {
      for (const type of ['BLACKOUTSTART', 'BLACKOUTSTOP']) {
        const known = await send(client, type, { DEVICEID: device });
        assert.deepEqual([tag(known, 'RESULTCODE'), tag(known, 'RESULTTYPE')], ['7', 'API_DEVICE_NOT_IN_CALL'], `${type} ${device}`);
      }
    }
  });

  describe('agent blackouts', () => {
    let agent: number;
    beforeEach(async () => {
      agent = await storage().users.add({ first_name: 'John', last_name: 'Smith', sys_user: 'JSMITH' });
      await storage().phones.add('8001', agent);
      await storage().phones.add('8002', agent);
    });

    it('covers every call of the agent, on all their phones, until AGENTBLACKOUTSTOP', async () => {
      await send(client, 'CALLSTART', { DEVICEID: '8001' });
      await send(client, 'CALLSTART', { DEVICEID: '8002' });
      const start = await send(client, 'AGENTBLACKOUTSTART', { SYS_USER: 'JSMITH' });
      assert.equal(tag(start, 'RESULTMSG'), 'AGENTBLACKOUTSTART sent to all of the following cores: 1');
      assert.deepEqual(types().filter((e) => e.startsWith('RECORDINGPAUSED')).sort(), ['RECORDINGPAUSED 8001', 'RECORDINGPAUSED 8002']);
      assert.equal(tag(await send(client, 'AGENTBLACKOUTSTART', { SYS_USER: 'JSMITH' }), 'RESULTCODE'), '38');
      await send(client, 'AGENTBLACKOUTSTOP', { SYS_USER: 'JSMITH' });
      assert.deepEqual(types().filter((e) => e.startsWith('RECORDINGRESUMED')).sort(), ['RECORDINGRESUMED 8001', 'RECORDINGRESUMED 8002']);
      assert.equal(tag(await send(client, 'AGENTBLACKOUTSTOP', { SYS_USER: 'JSMITH' }), 'RESULTCODE'), '38');
    });

    it('started before a call begins, covers that call from its first packet', async () => {
      await send(client, 'AGENTBLACKOUTSTART', { DEVICEID: '8001' });
      await send(client, 'CALLSTART', { DEVICEID: '8002' });
      assert.equal(core.started.at(-1)?.startPaused, true, 'the core was told to start paused');
      assert.equal(tag(await send(client, 'DEVICERECORDINGSTATUS', { DEVICEID: '8002' }), 'STATUS'), 'recordpaused');
      await send(client, 'AGENTBLACKOUTSTOP', { DEVICEID: '8001' });
      await send(client, 'CALLSTOP', { DEVICEID: '8002' });
      const [row] = await storage().recordings.list({ deviceId: '8002' });
      assert.equal(row!.blackouts[0]!.start, row!.start_time);
    });

    it('answers API_AGENT_NOT_FOUND when no agent owns the device or matches the user', async () => {
      const reply = await send(client, 'AGENTBLACKOUTSTART', { DEVICEID: '9100' });
      assert.equal(tag(reply, 'RESULTCODE'), '24');
      assert.equal(tag(reply, 'RESULTMSG'), 'no agent matches DEVICEID 9100');
      assert.equal(tag(await send(client, 'AGENTBLACKOUTSTOP', { CRM_USER: 'ghost' }), 'RESULTCODE'), '24');
    });
  });
});
