import assert from 'node:assert/strict';
import { TOKENS, type Storage } from '@callwire/core';
import { ManualClock } from '@callwire/plugin-kit';
import { waitUntil } from '../resilience/wait-until.js';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';

const types = (host: TestHost) => host.events.map((e) => `${e.event.type} ${e.event.deviceId}`);

describe('call handling over the XML API', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  let core: InTestRecorder;
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);

  beforeEach(async () => {
    t = await startTestHost();
    core = t.addCore(new InTestRecorder(1));
    client = await t.client();
  });
  afterEach(() => t.close());

  it('answers the manual\'s CALLSTART, CALLUPDATE and CALLSTOP examples and stores the recording', async () => {
    await client.write(
      '<REQUEST>\r\n  <TYPE>CALLSTART</TYPE>\r\n  <REQUESTID>1</REQUESTID>\r\n  <DEVICEID>555</DEVICEID>\r\n  <DEVICEALIAS>3545</DEVICEALIAS>\r\n' +
        '  <GROUP>12</GROUP>\r\n  <GATE>80</GATE>\r\n  <ANI>6145551212</ANI>\r\n  <DNIS>8889225526</DNIS>\r\n  <USER1>Gold Level</USER1>\r\n' +
        '  <USER2>Customer 564582</USER2>\r\n</REQUEST>\r\n',
    );
    const [started] = await client.read();
    assert.equal(tag(started!, 'RESULTTYPE'), 'API_OK');
    assert.equal(tag(started!, 'RESULTMSG'), 'CALLSTART sent to all of the following cores: 1');

    await client.write('<REQUEST>\r\n  <TYPE>CALLUPDATE</TYPE>\r\n  <REQUESTID>1</REQUESTID>\r\n  <DEVICEID>555</DEVICEID>\r\n  <USER3>Follow up on order</USER3>\r\n</REQUEST>\r\n');
    const [updated] = await client.read();
    assert.equal(tag(updated!, 'RESULTMSG'), 'CALLUPDATE sent to all of the following cores: 1');

    await client.write('<REQUEST>  \r\n  <TYPE>CALLSTOP</TYPE>  \r\n  <REQUESTID>2</REQUESTID>  \r\n  <DEVICEID>555</DEVICEID>  \r\n</REQUEST>\r\n');
    const [stopped] = await client.read();
    assert.equal(tag(stopped!, 'RESULTMSG'), 'CALLSTOP sent to all of the following cores: 1');

    const [row] = await storage().recordings.list({ deviceId: '555' });
    assert.ok(row, 'a recording row was stored');
    assert.equal(row.state, 'complete');
    assert.deepEqual(
      [row.device_alias, row.sgroup, row.gate, row.ani, row.dnis, row.user1, row.user2, row.user3, row.channel, row.core_ident],
      ['3545', '12', '80', '6145551212', '8889225526', 'Gold Level', 'Customer 564582', 'Follow up on order', 1, 1],
    );
    assert.equal(row.filename, `/rec/555/${core.started[0]!.key}.wav`);
    assert.deepEqual(core.signals.map((s) => s.kind), ['callstart', 'callupdate', 'callstop']);
    assert.deepEqual(types(t), ['CALLSTART 555', 'RECORDINGSTARTED 555', 'CALLSTOP 555', 'RECORDINGSTOPPED 555', 'RECORDINGUPDATE 555']);
  });

  it('CALLUPDATE with UPDATE_IF_NOT_RECORDING=Y updates the last stored recording, and answers 40 when there is none', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '555' });
    await send(client, 'CALLSTOP', { DEVICEID: '555' });
    const reply = await send(client, 'CALLUPDATE', { DEVICEID: '555', USER3: 'Follow up on order', UPDATE_IF_NOT_RECORDING: 'Y' }, 3);
    assert.equal(tag(reply, 'RESULTTYPE'), 'API_OK');
    assert.equal(tag(reply, 'RESULTMSG'), 'Updated recording in database');
    assert.equal((await storage().recordings.lastForDevice('555'))?.user3, 'Follow up on order');
    assert.equal(t.events.at(-1)?.event.type, 'RECORDINGUPDATE');

    const none = await send(client, 'CALLUPDATE', { DEVICEID: '556', USER3: 'x', UPDATE_IF_NOT_RECORDING: 'Y' });
    assert.equal(tag(none, 'RESULTCODE'), '40');
    const notInCall = await send(client, 'CALLUPDATE', { DEVICEID: '555', USER3: 'x' });
    assert.equal(tag(notInCall, 'RESULTCODE'), '7');
  });

  it('CALLUPDATE with RECORDID updates that stored recording (post-recording), and answers 40 for an unknown one', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '700' });
    await send(client, 'CALLSTOP', { DEVICEID: '700' });
    const ident = (await storage().recordings.lastForDevice('700'))!.ident;
    const reply = await send(client, 'CALLUPDATE', { RECORDID: ident, USER4: 'Sales Call', ANI: '5551234' });
    assert.equal(tag(reply, 'RESULTTYPE'), 'API_OK');
    const row = await storage().recordings.findByIdent(ident);
    assert.deepEqual([row?.user4, row?.ani], ['Sales Call', '5551234']);
    assert.equal(tag(await send(client, 'CALLUPDATE', { RECORDID: 987654, USER4: 'x' }), 'RESULTCODE'), '40');
  });

  it('finds the device by DEVICEALIAS, SYS_USER and CRM_USER through the agent\'s phones, and by STATIONNAME', async () => {
    const userId = await storage().users.add({ first_name: 'Sally', last_name: 'Smith', sys_user: 'smith.1', crm_user: 'sallys', device_alias: 'DESK1' });
    await storage().phones.add('1123', userId);
    await storage().stations.replace('2001', 'COMPUTER1', 1);

    for (const [key, value] of [['DEVICEALIAS', 'DESK1'], ['SYS_USER', 'smith.1'], ['CRM_USER', 'sallys']] as const) {
      const start = await send(client, 'CALLSTART', { [key]: value });
      assert.equal(tag(start, 'RESULTTYPE'), 'API_OK', `CALLSTART by ${key}`);
      assert.equal(tag(await send(client, 'CALLSTOP', { [key]: value }), 'RESULTTYPE'), 'API_OK', `CALLSTOP by ${key}`);
    }
    const rows = await storage().recordings.list({ deviceId: '1123' });
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.agent_id === userId && r.sys_user === 'smith.1' && r.crm_user === 'sallys'));

    assert.equal(tag(await send(client, 'CALLSTART', { STATIONNAME: 'COMPUTER1' }), 'RESULTTYPE'), 'API_OK');
    await send(client, 'CALLSTOP', { DEVICEID: '2001' });
    assert.equal((await storage().recordings.lastForDevice('2001'))?.station_name, 'COMPUTER1');
  });

  it('answers API_DEVICE_INVALID with the manual\'s message when no device matches, and when nothing identifies one', async () => {
    const reply = await send(client, 'CALLSTART', { DEVICEALIAS: 'NOBODY' });
    assert.equal(tag(reply, 'RESULTTYPE'), 'API_DEVICE_INVALID');
    assert.equal(tag(reply, 'RESULTCODE'), '8');
    assert.equal(tag(reply, 'RESULTMSG'), 'Could not find a device matching given parameters');
    const bare = await send(client, 'CALLSTOP', { USER1: 'x' });
    assert.equal(tag(bare, 'RESULTCODE'), '8');
    assert.match(tag(bare, 'RESULTMSG')!, /one of DEVICEID, DEVICEALIAS, SYS_USER, CRM_USER or STATIONNAME is required/);
    assert.deepEqual(t.events, []);
  });

  it('keeps two call instances on one device: a stop without CALLINSTANCE ends the last call', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '7002', CALLINSTANCE: '37', ANI: '7460' });
    await send(client, 'CALLSTART', { DEVICEID: '7002', CALLINSTANCE: '38', ANI: '7008' });
    assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: '7002' }), 'RESULTTYPE'), 'API_OK');
    const stops = t.events.filter((e) => e.event.type === 'CALLSTOP');
    assert.deepEqual(stops.map((e) => e.event.data['CALLINSTANCE']), ['38']);
    assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: '7002', CALLINSTANCE: '37' }), 'RESULTTYPE'), 'API_OK');
    const last = await send(client, 'CALLSTOP', { DEVICEID: '7002' });
    assert.equal(tag(last, 'RESULTCODE'), '7');
    assert.equal((await storage().recordings.list({ deviceId: '7002' })).length, 2);
  });

  it('RECORDSTART adds a partial recording to the call and RECORDSTOP ends it; the call goes on', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '800' });
    const start = await send(client, 'RECORDSTART', { DEVICEID: '800', USER1: 'part' });
    assert.equal(tag(start, 'RESULTMSG'), 'RECORDSTART sent to all of the following cores: 1');
    const stop = await send(client, 'RECORDSTOP', { DEVICEID: '800' });
    assert.equal(tag(stop, 'RESULTMSG'), 'RECORDSTOP sent to all of the following cores: 1');
    assert.equal(tag(await send(client, 'RECORDSTOP', { DEVICEID: '800' }), 'RESULTCODE'), '12');
    const rows = await storage().recordings.list({ deviceId: '800' });
    assert.deepEqual(rows.map((r) => [r.recording_type, r.state]), [['partial', 'complete'], ['audio', 'open']], 'the call\'s own recording goes on');
    assert.equal(core.started.length, 2);
  });
});

describe('recorder core fan-out', function () {
  this.timeout(20000);
  let t: TestHost;
  afterEach(() => t.close());

  it('reports every core, a partial response when one does not answer within the core time limit (2 s), and RECORDER_NOT_RUNNING when none does', async () => {
    const clock = new ManualClock();
    t = await startTestHost({}, { clock });
    const one = t.addCore(new InTestRecorder(1));
    const two = t.addCore(new InTestRecorder(2));
    const client = await t.client();
    assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '100' }), 'RESULTMSG'), 'CALLSTART sent to all of the following cores: 1,2');
    two.mode = 'silent';
    /** Sends a request core 2 will not answer; once core 2 has it, the clock moves to the end of the time limit. */
    const unansweredBy2 = async (type: string, device: string) => {
      const reply = send(client, type, { DEVICEID: device });
      const before = two.unanswered;
      await waitUntil(() => two.unanswered > before, `core 2 to get the ${type}`);
      await clock.advance(2000);
      return reply;
    };
    const partial = await unansweredBy2('CALLSTOP', '100');
    assert.equal(tag(partial, 'RESULTTYPE'), 'API_PARTIAL_CORE_RESPONSE');
    assert.equal(tag(partial, 'RESULTMSG'), 'CALLSTOP could not be sent to the following cores: 2');
    one.mode = 'failing';
    const none = await unansweredBy2('CALLSTART', '101');
    assert.equal(tag(none, 'RESULTTYPE'), 'API_ERROR_RECORDER_NOT_RUNNING');
    assert.equal(tag(none, 'RESULTMSG'), 'CALLSTART could not be sent to the following cores: 1,2');
  });

  it('sends a device\'s signals only to the cores assigned to it', async () => {
    t = await startTestHost();
    t.addCore(new InTestRecorder(1, 4, ['200']));
    t.addCore(new InTestRecorder(2, 4, ['300']));
    const client = await t.client();
    assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '300' }), 'RESULTMSG'), 'CALLSTART sent to all of the following cores: 2');
    const orphan = await send(client, 'CALLSTART', { DEVICEID: '400' });
    assert.equal(tag(orphan, 'RESULTCODE'), '34');
    assert.equal(tag(orphan, 'RESULTMSG'), 'CALLSTART could not be sent to any recorder core: none serves this device');
  });
});

describe('scheduler decisions through the API', function () {
  this.timeout(20000);
  let t: TestHost;
  afterEach(() => t.close());

  it('a higher PRIORITY call takes the channel of a lower one; a lower one finds none free (3)', async () => {
    t = await startTestHost();
    const core = t.addCore(new InTestRecorder(1, 1));
    const client = await t.client();
    await send(client, 'CALLSTART', { DEVICEID: '501', PRIORITY: 10 });
    assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '502', PRIORITY: 90 }), 'RESULTTYPE'), 'API_OK');
    assert.deepEqual(types(t), ['CALLSTART 501', 'RECORDINGSTARTED 501', 'CALLSTART 502', 'RECORDINGSTOPPED 501', 'RECORDINGUPDATE 501', 'RECORDINGSTARTED 502']);
    const low = await send(client, 'CALLSTART', { DEVICEID: '503', PRIORITY: 5 });
    assert.equal(tag(low, 'RESULTCODE'), '3');
    assert.equal(tag(low, 'RESULTTYPE'), 'API_ERROR_NO_FREE_CHANNELS');
    assert.equal(core.started.length, 2);
  });

  it('MAXRECORDTIME stops the recording by itself when its seconds are up, while the call goes on', async () => {
    const clock = new ManualClock();
    t = await startTestHost({}, { clock });
    t.addCore(new InTestRecorder(1));
    const client = await t.client();
    await send(client, 'CALLSTART', { DEVICEID: '600', MAXRECORDTIME: 3 });
    const startedAt = clock.now();
    await clock.advance(2999);
    assert.deepEqual(types(t), ['CALLSTART 600', 'RECORDINGSTARTED 600'], 'still recording a millisecond before');
    const updated = t.nextEvent('RECORDINGUPDATE', '600');
    await clock.advance(1);
    await updated;
    assert.deepEqual(types(t), ['CALLSTART 600', 'RECORDINGSTARTED 600', 'RECORDINGSTOPPED 600', 'RECORDINGUPDATE 600']);
    const [row] = await t.host.container.get<Storage>(TOKENS.Storage).recordings.list({ deviceId: '600' });
    assert.deepEqual([row?.state, row?.stop_time, row?.duration], ['complete', startedAt + 3000, 3]);
    assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: '600' }), 'RESULTTYPE'), 'API_OK', 'the call was still in progress');
  });

  it('a call that ends before its MAXRECORDTIME leaves no timer behind', async () => {
    const clock = new ManualClock();
    t = await startTestHost({}, { clock });
    t.addCore(new InTestRecorder(1));
    const client = await t.client();
    await send(client, 'CALLSTART', { DEVICEID: '601', MAXRECORDTIME: 60 });
    assert.equal(clock.pendingCount, 1, 'the MAXRECORDTIME timer');
    await send(client, 'CALLSTOP', { DEVICEID: '601' });
    assert.equal(clock.pendingCount, 0);
    await clock.advance(60_000);
    assert.deepEqual(types(t), ['CALLSTART 601', 'RECORDINGSTARTED 601', 'CALLSTOP 601', 'RECORDINGSTOPPED 601', 'RECORDINGUPDATE 601']);
  });

  it('tracks but does not record a call no schedule matches; RECORDSTART then answers 9', async () => {
    t = await startTestHost({ schedules: [{ name: 'sales floor', record: true, devices: ['7000-7999'] }] });
    const core = t.addCore(new InTestRecorder(1));
    const client = await t.client();
    assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '555' }), 'RESULTTYPE'), 'API_OK');
    assert.equal(tag(await send(client, 'RECORDSTART', { DEVICEID: '555' }), 'RESULTCODE'), '9');
    await send(client, 'CALLSTART', { DEVICEID: '7100' });
    assert.deepEqual(core.started.map((o) => o.deviceId), ['7100']);
    assert.deepEqual(types(t), ['CALLSTART 555', 'CALLSTART 7100', 'RECORDINGSTARTED 7100']);
  });
});
