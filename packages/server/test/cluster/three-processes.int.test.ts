import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PbxMediaSender, readWav, toneShare } from '@callwire/plugin-kit/testing';
import { freePort } from '../support/free-port.js';
import { NatsServer } from '../support/nats-server.js';
import { SmdrPbxStandIn } from '../support/smdr-pbx-stand-in.js';
import { tag, XmlClient } from '../support/xml-client.js';
import { ApiNode, clusterCanRun, clusterSchema, clusterSection, eventually, spawnNode } from './support/cluster-processes.js';
import type { CallwireProcess } from '../support/callwire-process.js';

/**
 * The cluster of the README's "Running on several machines", on 127.0.0.1:
 * nats-server, PostgreSQL, a `callwire core` process with COREIDENT 3 and
 * two API nodes. The steps share these processes and run in order, as a
 * site's day would: each `it` starts from where the one before left them.
 */
describe('a cluster of three Callwire processes on NATS and PostgreSQL', function () {
  this.timeout(90_000);
  let nats: NatsServer;
  let db: Awaited<ReturnType<typeof clusterSchema>>;
  let pbx: SmdrPbxStandIn;
  let core: CallwireProcess;
  let coreDir: string;
  let coreConfig: Record<string, unknown>;
  let a: ApiNode;
  let b: ApiNode;
  let apiConfig: (node: string) => Record<string, unknown>;
  let subscriber: XmlClient;
  let media: PbxMediaSender;
  const ports: { [device: string]: number } = {};
  let skipped = false;

  before(async function () {
    if (!(await clusterCanRun())) {
      skipped = true;
      return this.skip();
    }
    nats = await NatsServer.start();
    db = await clusterSchema();
    pbx = await SmdrPbxStandIn.start();
    media = await PbxMediaSender.open();
    ports['7001'] = await freePort();
    ports['7002'] = await freePort();
    const storage = { driver: 'postgres', url: process.env['CALLWIRE_TEST_PG_URL'] ?? 'postgres://callwire:callwire@127.0.0.1:5432/callwire_test', schema: db.schema };
    coreConfig = {
      storage, cluster: clusterSection(nats.url, 'core-1'),
      plugins: [{
        use: 'rtp-recorder',
        options: { coreIdent: 3, channels: 0, devices: ['7001', '7002'], static: [{ channel: 1, device: '7001', port: ports['7001'] }, { channel: 2, device: '7002', port: ports['7002'] }] },
      }],
    };
    apiConfig = (node) => ({
      storage, cluster: clusterSection(nats.url, node),
      plugins: [{
        use: 'smdr',
        options: {
          format: 'csv', csv: { fields: { deviceId: 1, start: 2, duration: 3, callId: 4 } }, timezone: 'UTC',
          tcp: { connect: { host: '127.0.0.1', port: pbx.port } }, reconnect: { initialMs: 50, maxMs: 500 },
        },
      }],
    });
    ({ process: core, dir: coreDir } = spawnNode('core', coreConfig));
    await core.waitFor((line) => typeof line['msg'] === 'string' && line['msg'].startsWith('Callwire core ready'), 30_000);
    a = await ApiNode.start('A', apiConfig('api-a'));
    await a.waitEngine();
    b = await ApiNode.start('B', apiConfig('api-b'));
    subscriber = await XmlClient.open(b.ports.api);
    await subscriber.write('<REQUEST><TYPE>EVENTS</TYPE><REQUESTID>1</REQUESTID><EVENTCLASS>ALL</EVENTCLASS></REQUEST>\r\n');
    assert.equal(tag((await subscriber.read(1))[0]!, 'RESULTCODE'), '20');
    await eventually(async () => (await a.send('CHANNELS')).includes('<COREIDENT>3</COREIDENT>'), 'core 3 to be known to the engine node');
  });

  after(async () => {
    if (skipped) return;
    subscriber?.close();
    media?.close();
    for (const node of [a, b]) await node?.kill('SIGKILL').catch(() => undefined);
    core?.kill('SIGKILL');
    await pbx?.close();
    await nats?.stop();
    await db?.drop();
  });

  /** The events B's subscriber has been sent so far, parsed. */
  const received: { type: string; device: string; seq: number }[] = [];
  const takeEvents = () => {
    for (const text of subscriber.takeAll()) {
      received.push({ type: tag(text, 'EVENTTYPE') ?? '', device: tag(text, 'DEVICEID') ?? '', seq: Number(tag(text, 'SEQ')) });
    }
    return received;
  };
  const eventSeen = (type: string, device: string, after = 0) =>
    eventually(async () => takeEvents().find((e) => e.type === type && e.device === device && e.seq > after), `${type} on ${device} at B's subscriber`);

  it('records a call started through node A on the remote core, stopped through node B, and exports it through B', async () => {
    const started = await a.result('CALLSTART', { DEVICEID: '7001', ANI: '5550100' });
    assert.deepEqual([started.code, started.message], [20, 'CALLSTART sent to all of the following cores: 3']);
    await eventSeen('RECORDINGSTARTED', '7001');
    await media.play({ host: '127.0.0.1', port: ports['7001']! }, [{ ssrc: 11, payloadType: 0, frequency: 1000 }], 50);
    const stopped = await b.result('CALLSTOP', { DEVICEID: '7001' });
    assert.deepEqual([stopped.code, stopped.message], [20, 'CALLSTOP sent to all of the following cores: 3']);
    await eventSeen('RECORDINGUPDATE', '7001');
    const { rows } = await db.client.query(`select ident, core_ident, state, filename from ${db.schema}.recordings where device_id = '7001'`);
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0].core_ident, rows[0].state], [3, 'complete']);
    assert.ok(String(rows[0].filename).startsWith(coreDir), `the file is the core's own (${rows[0].filename})`);
    const exported = await fetch(`http://127.0.0.1:${b.ports.web}/webAPI.aspx?TYPE=EXPORT&REQUESTID=1&UNIQUEFIELD=ident&UNIQUEID=${rows[0].ident}&MEDIA_FORMAT=wav`);
    const body = Buffer.from(await exported.arrayBuffer());
    assert.equal(exported.status, 200);
    assert.equal(body.subarray(0, 4).toString('latin1'), 'RIFF', `the export is a WAV file, not: ${body.subarray(0, 300).toString('utf8')}`);
    const file = join(coreDir, 'exported-through-b.wav');
    writeFileSync(file, body);
    const samples = readWav(file).samples[0]!;
    assert.ok(toneShare(samples, 0, samples.length, 1000) > 0.8, 'the exported audio is the tone sent to the core');
  });

  it('answers DEVICESTATUS the same on A and B during a call, and B subscriber got each of A\'s events once, in order', async () => {
    await a.result('CALLSTART', { DEVICEID: '7002', ANI: '5550102' });
    await eventSeen('RECORDINGSTARTED', '7002');
    const onA = await a.send('DEVICESTATUS', { DEVICEID: '7002' });
    const onB = await b.send('DEVICESTATUS', { DEVICEID: '7002' });
    assert.equal(onB.replace(/<REQUESTID>\d+<\/REQUESTID>/, ''), onA.replace(/<REQUESTID>\d+<\/REQUESTID>/, ''));
    assert.match(onA, /<RESULTCODE>20<\/RESULTCODE>/);
    await b.result('CALLSTOP', { DEVICEID: '7002' });
    await eventSeen('RECORDINGUPDATE', '7002');
    const seqs = takeEvents().map((e) => e.seq);
    assert.deepEqual(seqs, [...new Set(seqs)].sort((x, y) => x - y), 'each SEQ once, ascending');
    assert.deepEqual(
      received.filter((e) => e.device === '7002').map((e) => e.type),
      ['CALLSTART', 'RECORDINGSTARTED', 'CALLSTOP', 'RECORDINGSTOPPED', 'RECORDINGUPDATE'],
    );
  });

  it('closes the recording of a core killed mid-call, answers the next CALLSTART 34, and records the call again when the core is back', async () => {
    await a.result('CALLSTART', { DEVICEID: '7001', ANI: '5550103' });
    const first = await eventSeen('RECORDINGSTARTED', '7001', received.at(-1)!.seq);
    const exited = core.exit();
    core.kill('SIGKILL');
    await exited;
    await eventSeen('RECORDINGUPDATE', '7001', first.seq);
    const { rows } = await db.client.query(`select state from ${db.schema}.recordings where device_id = '7001' order by ident desc limit 1`);
    assert.equal(rows[0].state, 'interrupted', 'the row is closed as interrupted: the core never confirmed the stop');
    // The manual: API_ERROR_RECORDER_NOT_RUNNING when no core the device is assigned to answers.
    const refused = await a.result('CALLSTART', { DEVICEID: '7002' });
    assert.equal(refused.code, 34, refused.message);
    ({ process: core } = spawnNode('core', coreConfig, coreDir));
    await eventSeen('RECORDINGSTARTED', '7001', first.seq);
  });

  it('moves the SMDR lease off a killed engine node within 10 s and loses no SMDR record the PBX sent', async () => {
    const record = (n: number) => `8${String(n).padStart(3, '0')},2026/12/02 09:00:00,42,call-${n}`;
    await pbx.waitConnected();
    for (let n = 1; n <= 5; n++) pbx.send(record(n));
    const stored = async (count: number) => {
      const { rows } = await db.client.query(`select call_id from ${db.schema}.call_details where call_id like 'call-%' order by call_id`);
      return rows.length >= count ? rows.map((r: { call_id: string }) => r.call_id) : undefined;
    };
    await eventually(() => stored(5), 'the first five records stored');
    const killedAt = Date.now();
    await a.kill('SIGKILL');
    await pbx.waitDisconnected();
    for (let n = 6; n <= 10; n++) pbx.send(record(n));
    await b.waitEngine(15_000);
    const tookMs = Date.now() - killedAt;
    assert.ok(tookMs < 10_000, `B took the lease ${tookMs} ms after A was killed`);
    const all = await eventually(() => stored(10), 'all ten records stored');
    assert.deepEqual(all, Array.from({ length: 10 }, (_, i) => `call-${i + 1}`).sort(), 'each record once');
    // A's recordings on core 3 (7001, 7002) would hold their channels for ever: the new engine node stops them.
    await eventually(async () => {
      const channels = await b.send('CHANNELS');
      return channels.includes('<COREIDENT>3</COREIDENT>') && !channels.includes('<STATE>Recording</STATE>');
    }, 'core 3 to record nothing the dead engine node started');
    const { rows: open } = await db.client.query(`select ident from ${db.schema}.recordings where state = 'open'`);
    assert.deepEqual(open, [], 'the new engine node closed the rows the dead one left open');
  });

  it('loses nothing acknowledged when nats-server restarts: a call and an SMDR record taken meanwhile reach storage and another node', async () => {
    a = await ApiNode.start('A', apiConfig('api-a'));
    const watcher = await XmlClient.open(a.ports.api);
    await watcher.write('<REQUEST><TYPE>EVENTS</TYPE><REQUESTID>1</REQUESTID><EVENTCLASS>CALL</EVENTCLASS><EVENTVALUE>9001</EVENTVALUE></REQUEST>\r\n');
    assert.equal(tag((await watcher.read(1))[0]!, 'RESULTCODE'), '20');
    await nats.kill();
    // No core serves 9001, with or without a cluster: the call is taken (in progress, its CALLSTART published) and answered 34.
    const during = await b.result('CALLSTART', { DEVICEID: '9001' });
    assert.deepEqual([during.code, during.message], [34, 'CALLSTART could not be sent to any recorder core: none serves this device']);
    pbx.send('8100,2026/12/02 09:30:00,7,during-outage');
    await nats.restart();
    assert.match(await b.send('DEVICESTATUS', { DEVICEID: '9001' }), /<RESULTCODE>20<\/RESULTCODE>/);
    await b.result('CALLSTOP', { DEVICEID: '9001' });
    const [start, end] = await watcher.read(2, 20_000);
    assert.deepEqual([tag(start!, 'EVENTTYPE'), tag(end!, 'EVENTTYPE')], ['CALLSTART', 'CALLSTOP']);
    await eventually(async () => (await db.client.query(`select 1 from ${db.schema}.call_details where call_id = 'during-outage'`)).rows.length === 1, 'the record sent during the outage stored');
    watcher.close();
  });
});
