import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { DeviceRegistry, TOKENS, type Storage } from '@callwire/core';
import { CallError, type CallSignals } from '@callwire/plugin-api';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';

const DRIVER = fileURLToPath(new URL('../../../test/fixtures/plugins/call-driver.mjs', import.meta.url));
const SLOTS = Symbol.for('callwire.test.call-driver');

/** The call path the call-driver plugin was given by the host. */
function pluginCalls(slot: string): CallSignals {
  const calls = (globalThis as unknown as Record<symbol, Map<string, CallSignals> | undefined>)[SLOTS]?.get(slot);
  assert.ok(calls, `the call-driver plugin '${slot}' was started`);
  return calls;
}

/** Asserts `work` is refused with FIELD_INVALID naming `field`, and returns the message. */
async function refusedField(work: Promise<unknown>, field: string): Promise<string> {
  const err = await work.then(() => assert.fail('the signal was accepted'), (e: unknown) => e);
  assert.ok(err instanceof CallError, `a CallError, not ${String(err)}`);
  assert.deepEqual([err.reason, err.field], ['FIELD_INVALID', field]);
  return err.message;
}

describe('the domain checks what an input plugin sends (the manual\'s field table, as at the door)', function () {
  this.timeout(30000);
  let t: TestHost;
  let core: InTestRecorder;
  let calls: CallSignals;
  const registry = () => t.host.container.get(DeviceRegistry);
  const rows = (deviceId: string) => t.host.container.get<Storage>(TOKENS.Storage).recordings.list({ deviceId });

  beforeEach(async () => {
    t = await startTestHost({ plugins: [{ use: DRIVER, options: { slot: 'limits' } }] });
    core = t.addCore(new InTestRecorder(1));
    calls = pluginCalls('limits');
  });
  afterEach(() => t.close());

  it('a 23-character ANI from a plugin is refused (FIELD_INVALID, ANI) and nothing happens; over TCP it is 59 naming ANI', async () => {
    const message = await refusedField(calls.start({ deviceId: '2001' }, { ani: '1'.repeat(23) }), 'ANI');
    assert.equal(message, 'ANI is 23 characters; the limit is 20 (char(20))');

    assert.equal(registry().find('2001')?.activeCall(undefined), undefined, 'no live call on the device');
    assert.deepEqual(t.events, [], 'no event was published');
    assert.deepEqual([core.signals, core.started], [[], []], 'the core heard nothing and started no recording');
    assert.deepEqual(await rows('2001'), [], 'no Recording row');

    const client = await t.client();
    const reply = await send(client, 'CALLSTART', { DEVICEID: '2001', ANI: '1'.repeat(23) });
    assert.equal(tag(reply, 'RESULTCODE'), '59');
    assert.match(tag(reply, 'RESULTMSG')!, /^ANI is 23 characters; the limit is 20 \(char\(20\)\)$/);
    assert.deepEqual([t.events, core.started], [[], []]);
  });

  it('identities and numbers are checked too: DEVICEID char(64), CALLINSTANCE varchar(64), PRIORITY 0-100', async () => {
    assert.match(await refusedField(calls.start({ deviceId: 'd'.repeat(65) }), 'DEVICEID'), /char\(64\)/);
    assert.match(await refusedField(calls.start({ deviceId: '2001', callInstance: 'i'.repeat(65) }), 'CALLINSTANCE'), /varchar\(64\)/);
    assert.equal(await refusedField(calls.start({ deviceId: '2001' }, { priority: 101 }), 'PRIORITY'), 'PRIORITY must be between 0 and 100, got 101');
    assert.deepEqual([t.events, core.signals], [[], []]);
  });

  it('a too-long value in a stop, update or transfer leaves the live call, its recording and its row as they were', async () => {
    const started = await calls.start({ deviceId: '2002' }, { ani: '6145551212', users: ['Gold'] });
    assert.equal(started.recording?.coreIdent, 1);
    const eventsBefore = t.events.length;

    await refusedField(calls.stop({ deviceId: '2002' }, { dnis: '8'.repeat(21) }), 'DNIS');
    await refusedField(calls.update({ deviceId: '2002' }, { users: [undefined, undefined, undefined, 'u'.repeat(256)] }), 'USER4');
    await refusedField(calls.update({ deviceId: '2002' }, { ani: '5551212', callId: 'c'.repeat(17) }), 'CALLID');
    await refusedField(calls.transfer({ deviceId: '2002' }, { deviceId: '2003', deviceAlias: 'a'.repeat(16) }), 'DEVICEALIAS');
    await refusedField(calls.recordStart({ deviceId: '2002' }, { gate: 'g'.repeat(21) }), 'GATE');

    const call = registry().find('2002')?.activeCall(undefined);
    assert.equal(call?.state, 'connected', 'the call is still live');
    assert.deepEqual([call?.fields.ani, call?.fields.dnis, call?.fields.callId, call?.fields.users[3]], ['6145551212', '', '', ''], 'its data unchanged');
    assert.equal(registry().find('2003')?.activeCall(undefined), undefined, 'the refused transfer started nothing on its target');
    assert.equal(t.events.length, eventsBefore, 'no event for a refused signal');
    assert.deepEqual(core.stopped, [], 'the recording still runs');
    const [open] = await rows('2002');
    assert.deepEqual([open?.state, open?.ani, open?.dnis, open?.user4, open?.callid], ['open', '6145551212', null, null, null]);

    await calls.update({ deviceId: '2002' }, { dnis: '8005550100' });
    await calls.stop({ deviceId: '2002' });
    const [done] = await rows('2002');
    assert.deepEqual([done?.state, done?.ani, done?.dnis, done?.user1], ['complete', '6145551212', '8005550100', 'Gold']);
  });
});

describe('CALLSTART when the core refuses to record: the call is live, the reply is 34', function () {
  this.timeout(30000);

  /** A core that takes the CALLSTART notice but refuses the recording, the way `how` says. */
  class RefusingRecorder extends InTestRecorder {
    constructor(private readonly how: 'rejects' | 'throws' | 'rejects with nothing') {
      super(1, 1);
    }
    override startRecording(): ReturnType<InTestRecorder['startRecording']> {
      if (this.how === 'throws') throw new Error('channel card is offline');
      return Promise.reject(this.how === 'rejects' ? new Error('channel card is offline') : undefined);
    }
  }

  for (const how of ['rejects', 'throws', 'rejects with nothing'] as const) {
    it(`a core whose startRecording ${how}: 34 naming the core, CALLSTART published, the call live, CALLSTOP answers normally`, async () => {
      const t = await startTestHost();
      try {
        t.addCore(new RefusingRecorder(how));
        const client = await t.client();
        const reply = await send(client, 'CALLSTART', { DEVICEID: '2001', ANI: '6145551212' });
        assert.equal(tag(reply, 'RESULTTYPE'), 'API_ERROR_RECORDER_NOT_RUNNING');
        const because = how === 'rejects with nothing' ? 'it gave no reason' : 'channel card is offline';
        assert.equal(tag(reply, 'RESULTMSG'), `recorder core 1 could not start recording device 2001: ${because}; the call stays in progress`);
        assert.deepEqual(t.events.map((e) => `${e.event.type} ${e.event.deviceId}`), ['CALLSTART 2001']);
        assert.equal(t.host.container.get(DeviceRegistry).find('2001')?.activeCall(undefined)?.state, 'connected');

        const stop = await send(client, 'CALLSTOP', { DEVICEID: '2001' });
        assert.deepEqual([tag(stop, 'RESULTTYPE'), tag(stop, 'RESULTMSG')], ['API_OK', 'CALLSTOP sent to all of the following cores: 1']);
        assert.deepEqual(t.events.map((e) => e.event.type), ['CALLSTART', 'CALLSTOP']);
      } finally {
        await t.close();
      }
    });
  }

  it('a plugin calling calls.start gets the same CallError (RECORDER_NOT_RUNNING), and the call is live', async () => {
    const t = await startTestHost({ plugins: [{ use: DRIVER, options: { slot: 'refused' } }] });
    try {
      t.addCore(new RefusingRecorder('rejects'));
      const err = await pluginCalls('refused').start({ deviceId: '2001' }).then(() => assert.fail('the start was accepted'), (e: unknown) => e);
      assert.ok(err instanceof CallError);
      assert.deepEqual([err.reason, err.message], ['RECORDER_NOT_RUNNING', 'recorder core 1 could not start recording device 2001: channel card is offline; the call stays in progress']);
      assert.equal((await pluginCalls('refused').stop({ deviceId: '2001' })).state, 'ended', 'the live call stops normally');
    } finally {
      await t.close();
    }
  });
});
