import assert from 'node:assert/strict';
import { TOKENS, type Storage } from '@callwire/core';
import { EventSocketClient } from '../support/event-socket-client.js';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';

const summary = (documents: string[]) => documents.map((d) => `${tag(d, 'EVENTTYPE')} ${tag(d, 'DEVICEID')}`);

describe('events of a call, end to end', function () {
  this.timeout(20000);
  let t: TestHost;
  beforeEach(async () => {
    t = await startTestHost();
    t.addCore(new InTestRecorder(1));
  });
  afterEach(() => t.close());

  it('a TCP and a WebSocket subscriber each get CALLSTART, RECORDINGSTARTED, CALLSTOP, RECORDINGSTOPPED, RECORDINGUPDATE in order, filtered by value', async () => {
    const tcp = await t.client();
    const subscribed = await send(tcp, 'EVENTS', { EVENTCLASS: 'ALL', EVENTVALUE: '555' }, 0);
    assert.equal(tag(subscribed, 'RESULTTYPE'), 'API_OK');
    const ws = await EventSocketClient.open(`ws://127.0.0.1:${t.webPort}/events?class=ALL&value=555`);
    try {
      const caller = await t.client();
      for (const device of ['999', '555']) {
        await send(caller, 'CALLSTART', { DEVICEID: device, ANI: '6145551212' });
        await send(caller, 'CALLSTOP', { DEVICEID: device });
      }
      const expected = ['CALLSTART 555', 'RECORDINGSTARTED 555', 'CALLSTOP 555', 'RECORDINGSTOPPED 555', 'RECORDINGUPDATE 555'];
      const overTcp = await tcp.read(5);
      assert.deepEqual(summary(overTcp), expected);
      assert.deepEqual(summary(await ws.next(5)), expected);
      const started = overTcp[0]!;
      assert.equal(tag(started, 'EVENTXREF'), tag(subscribed, 'EVENTXREF'));
      assert.equal(tag(started, 'ANI'), '6145551212');
      assert.match(tag(started, 'STARTTIME')!, /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/);
      assert.match(tag(overTcp[4]!, 'RECORDID')!, /^\d+$/);
    } finally {
      ws.close();
    }
  });

  it('class RECORD gets only recording events; class CALL only call events', async () => {
    const record = await t.client();
    await send(record, 'EVENTS', { EVENTCLASS: 'RECORD' }, 0);
    const calls = await EventSocketClient.open(`ws://127.0.0.1:${t.webPort}/events?class=CALL`);
    try {
      const caller = await t.client();
      await send(caller, 'CALLSTART', { DEVICEID: '7001' });
      await send(caller, 'CALLSTOP', { DEVICEID: '7001' });
      assert.deepEqual(summary(await record.read(3)), ['RECORDINGSTARTED 7001', 'RECORDINGSTOPPED 7001', 'RECORDINGUPDATE 7001']);
      assert.deepEqual(summary(await calls.next(2)), ['CALLSTART 7001', 'CALLSTOP 7001']);
    } finally {
      calls.close();
    }
  });

  it('KEEPDAYS and ARCHIVEACTION: after CALLUPDATE KEEP_DAYS and ARCHIVEACTION, every later event of the call (RECORDINGPAUSED, RECORDINGRESUMED, CALLSTOP, RECORDINGSTOPPED, and the RECORDINGUPDATE of "saved a recording to the database") carries the recording\'s current values, as its row does', async () => {
    const tcp = await t.client();
    await send(tcp, 'EVENTS', { EVENTCLASS: 'ALL', EVENTVALUE: '555' }, 0);
    const caller = await t.client();
    await send(caller, 'CALLSTART', { DEVICEID: '555' });
    const started = await tcp.read(2);
    assert.deepEqual(started.map((e) => [tag(e, 'EVENTTYPE'), tag(e, 'KEEPDAYS'), tag(e, 'ARCHIVEACTION')]), [['CALLSTART', '-1', '-1'], ['RECORDINGSTARTED', '-1', '-1']]);
    assert.equal(tag(await send(caller, 'CALLUPDATE', { DEVICEID: '555', KEEP_DAYS: 45, ARCHIVEACTION: 7 }), 'RESULTTYPE'), 'API_OK');
    await send(caller, 'BLACKOUTSTART', { DEVICEID: '555' });
    await send(caller, 'BLACKOUTSTOP', { DEVICEID: '555' });
    await send(caller, 'CALLSTOP', { DEVICEID: '555' });
    const later = await tcp.read(5);
    // the manual's RECORDINGSTOPPED and RECORDINGUPDATE carry KEEPDAYS only; the others both
    assert.deepEqual(later.map((e) => [tag(e, 'EVENTTYPE'), tag(e, 'KEEPDAYS'), tag(e, 'ARCHIVEACTION')]), [
      ['RECORDINGPAUSED', '45', '7'], ['RECORDINGRESUMED', '45', '7'], ['CALLSTOP', '45', '7'], ['RECORDINGSTOPPED', '45', undefined], ['RECORDINGUPDATE', '45', undefined],
    ]);
    const [row] = await t.host.container.get<Storage>(TOKENS.Storage).recordings.list({ deviceId: '555' });
    assert.deepEqual([row?.keepdays, row?.archive_action_id, row?.state], [45, 7, 'complete']);
  });

  it('a subscriber asking for a snapshot gets the calls in progress first', async () => {
    const caller = await t.client();
    await send(caller, 'CALLSTART', { DEVICEID: '3001', CALLINSTANCE: '1' });
    const wallboard = await t.client();
    const reply = await send(wallboard, 'EVENTS', { EVENTCLASS: 'ALL', SNAPSHOT: 'Y' }, 0);
    assert.equal(tag(reply, 'RESULTTYPE'), 'API_OK');
    const snapshot = await wallboard.read(2);
    assert.deepEqual(summary(snapshot), ['CALLSTART 3001', 'RECORDINGSTARTED 3001']);
    assert.equal(tag(snapshot[0]!, 'CALLINSTANCE'), '1');
  });
});
