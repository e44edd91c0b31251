import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKENS, type Storage } from '@callwire/core';
import { wavHeader } from '@callwire/plugin-kit';
import { connect, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { pino } from 'pino';
import { chunkHeaders, MAX_FILE_CHUNK_BYTES } from '../../src/cluster/file-chunk-wire.js';
import { serveRecordingFiles } from '../../src/cluster/file-service.js';
import { RemoteRecordingFiles } from '../../src/cluster/remote-recording-files.js';
import { clusterSubjects } from '../../src/cluster/subjects.js';
import { download, xmlTag } from '../export/support/download.js';
import { NatsServer, natsServerAvailable } from '../support/nats-server.js';
import { startTestHost, type TestHost } from '../support/test-host.js';

/**
 * Recordings a remote core wrote, exported through an API node that does
 * not have the file: the node copies it from the core's file service over
 * a real nats-server, in chunks, into its cache, and exports it as if it
 * had been recorded here.
 */
describe('cluster: EXPORT of a recording made on a remote core', function () {
  this.timeout(60_000);
  const subjects = clusterSubjects('remotefiles');
  const CORE = 9;
  let nats: NatsServer;
  let coreNc: NatsConnection;
  let apiNc: NatsConnection;
  let watchNc: NatsConnection;
  let service: Subscription | undefined;
  let coreDir: string;
  let t: TestHost;
  let wav: Buffer;
  let remoteA: number;
  let firstExport: Buffer;
  let files: RemoteRecordingFiles;
  /** Every file request the core is sent: [recording file, offset]. */
  const requests: [string, number][] = [];

  /** Stereo 8 kHz 16-bit, a sweep on the left and noise on the right: 120 s are 3.84 MB, eight chunks of 512 KiB. */
  const makeWav = (seconds: number) => {
    const frames = seconds * 8000;
    const data = Buffer.alloc(frames * 4);
    let seed = 12345;
    for (let i = 0; i < frames; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      data.writeInt16LE(Math.round(8000 * Math.sin((i * (300 + (i % 8000) / 20)) / 8000)), i * 4);
      data.writeInt16LE((seed % 4000) - 2000, i * 4 + 2);
    }
    return Buffer.concat([wavHeader({ sampleRate: 8000, channels: 2 }, frames), data]);
  };
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);
  /** A finished recording row naming `filename`, as if recorder core `core` had written it. */
  const recording = async (filename: string, core = CORE) => {
    const ident = await storage().recordings.insertOpen({ device_id: '7001', filename, core_ident: core, start_time: Date.now() - 60_000 });
    await storage().recordings.complete(ident, { stop_time: Date.now() });
    return ident;
  };
  const coreFile = (name: string) => join(coreDir, 'recordings', onCore(name));
  /**
   * The name a row holds: relative to `recordings.path`, which the core
   * resolves against its own. (An absolute name is what the core wrote on its
   * machine; on one machine it would be readable here, so the test uses the
   * relative form the Recording row also allows — the file service resolves
   * both, see remote-files-service.test.ts.)
   */
  const onCore = (name: string) => join('2026', '12', '02', name);
  const exportOf = (ident: number) => download(`http://127.0.0.1:${t.webPort}/webAPI.aspx?type=export&requestid=${ident}&uniquefield=ident&uniqueid=${ident}&media_format=wav`);
  const refusalOf = async (ident: number) => {
    const reply = (await exportOf(ident)).body.toString('utf8');
    return [xmlTag(reply, 'RESULTCODE'), xmlTag(reply, 'RESULTTYPE'), xmlTag(reply, 'RESULTMSG')];
  };
  const serve = async () => {
    service = serveRecordingFiles(coreNc, { coreIdent: CORE, recordingsPath: join(coreDir, 'recordings'), subjects, log: pino({ level: 'silent' }) });
    await coreNc.flush();
  };

  before(async function () {
    if (!natsServerAvailable()) this.skip();
    nats = await NatsServer.start();
    [coreNc, apiNc, watchNc] = await Promise.all([1, 2, 3].map(() => connect({ servers: nats.url })));
    watchNc.subscribe(subjects.core(CORE, 'file'), { callback: (_err, msg) => void requests.push(requestOf(msg)) });
    await watchNc.flush();
    coreDir = mkdtempSync(join(tmpdir(), 'callwire-remote-core-'));
    mkdirSync(coreFile(''), { recursive: true });
    wav = makeWav(120);
    writeFileSync(coreFile('7001-a.wav'), wav);
    copyFileSync(coreFile('7001-a.wav'), coreFile('7001-b.wav'));
    copyFileSync(coreFile('7001-a.wav'), coreFile('7001-c.wav'));
    t = await startTestHost();
    // As a cluster host does once its NATS connection is up: late binding is what export-module.ts supports.
    files = new RemoteRecordingFiles(apiNc, { subjects, cacheDir: join(t.dir, 'remote-recordings'), log: pino({ level: 'silent' }), timeoutMs: 1000 });
    t.host.container.bind(TOKENS.RecordingFileSource).toConstantValue(files.source);
    await serve();
  });
  after(async () => {
    await t?.close();
    await Promise.all([coreNc, apiNc, watchNc].map((nc) => nc?.close()));
    await nats?.stop();
    if (coreDir) rmSync(coreDir, { recursive: true, force: true });
  });

  it('exports the remote recording byte-identical to a local export of the same audio, fetched in 512 KiB chunks', async () => {
    const remote = await recording(onCore('7001-a.wav'));
    const localPath = join(t.dir, 'recordings', 'local.wav');
    mkdirSync(join(t.dir, 'recordings'), { recursive: true });
    writeFileSync(localPath, wav);
    const local = await recording(localPath, 1);

    const [fromCore, fromHere] = [await exportOf(remote), await exportOf(local)];
    remoteA = remote;
    firstExport = fromCore.body;
    assert.equal(fromCore.status, 200, fromCore.body.toString('utf8', 0, 300));
    assert.equal(fromCore.headers['content-type'], 'audio/wav');
    assert.ok(fromCore.body.length > 3_800_000, `${fromCore.body.length} bytes`);
    assert.ok(fromCore.body.equals(fromHere.body), 'the same bytes as the local export');
    const offsets = requests.filter(([file]) => file === onCore('7001-a.wav')).map(([, offset]) => offset);
    assert.deepEqual(offsets, [0, 1, 2, 3, 4, 5, 6, 7].map((i) => i * MAX_FILE_CHUNK_BYTES));
    assert.ok(readFileSync(join(t.dir, 'remote-recordings', String(CORE), `${remote}-7001-a.wav`)).equals(wav), 'the cached copy is the core\'s file');
  });

  it('shares one fetch between exports of the same recording asked at the same time (EXPORT, MULTIEXPORT, COMBINEDEXPORT)', async () => {
    const ident = await recording(onCore('7001-b.wav'));
    const web = (query: string) => download(`http://127.0.0.1:${t.webPort}/webAPI.aspx?${query}&media_format=wav`);
    const [one, two, zip, combined] = await Promise.all([
      exportOf(ident), exportOf(ident), web(`type=multiexport&requestid=5&ident=${ident}`), web(`type=combinedexport&requestid=6&ident=${ident}`),
    ]);
    assert.deepEqual([one, two, zip, combined].map((reply) => reply.status), [200, 200, 200, 200]);
    assert.ok(one.body.equals(firstExport) && two.body.equals(firstExport), 'the same audio as recording A');
    assert.equal(zip.headers['content-type'], 'application/zip');
    assert.ok(combined.body.equals(firstExport), 'one recording combined is that recording');
    assert.equal(requests.filter(([file, offset]) => file === onCore('7001-b.wav') && offset === 0).length, 1, 'the file was fetched once');

    // Asked in the same tick, so none can find the finished copy: one fetch all the same.
    const row = (await storage().recordings.findByIdent(await recording(onCore('7001-b.wav'))))!;
    const copies = await Promise.all([files.source(row), files.source(row), files.source(row)]);
    assert.equal(new Set(copies).size, 1);
    assert.equal(requests.filter(([file, offset]) => file === onCore('7001-b.wav') && offset === 0).length, 2, 'one more fetch, for the new recording');
  });

  it('does not ask cores of its own process (their files are here or nowhere)', async () => {
    const row = (await storage().recordings.findByIdent(await recording(onCore('7001-c.wav'))))!;
    const asked = requests.length;
    const own = new RemoteRecordingFiles(apiNc, { subjects, cacheDir: join(t.dir, 'own-cache'), log: pino({ level: 'silent' }), isLocalCore: (core) => core === CORE });
    assert.equal(await own.source(row), undefined);
    assert.equal(requests.length, asked);
  });

  it('refuses, through EXPORT, a path out of the core\'s recordings, a missing file and a directory, each with its one-line reason', async () => {
    writeFileSync(join(coreDir, 'secret.wav'), wav.subarray(0, 1000));
    const traversal = await recording('../secret.wav');
    const missing = await recording(onCore('gone.wav'));
    const directory = await recording(onCore(''));
    const refused = (ident: number, why: string) => ['41', 'API_FILE_NOT_FOUND', `recorder core ${CORE} does not serve the audio file of recording ${ident}: ${why}`];
    assert.deepEqual(await refusalOf(traversal), refused(traversal, '\'../secret.wav\' is outside the recordings directory'));
    assert.deepEqual(await refusalOf(missing), refused(missing, `'${onCore('gone.wav')}' does not exist`));
    assert.deepEqual(await refusalOf(directory), refused(directory, `'${onCore('')}' is not a file`));
  });

  it('exports from the cache once the core has gone (nothing is asked of it)', async () => {
    await service!.drain();
    const asked = requests.length;
    const fromCache = await exportOf(remoteA);
    assert.equal(fromCache.status, 200, fromCache.body.toString('utf8', 0, 300));
    assert.ok(fromCache.body.equals(firstExport), 'the same export as when it was fetched');
    assert.equal(requests.length, asked);
  });

  it('a file not cached whose core is silent or gone answers API_FILE_NOT_FOUND naming the core that does not answer', async () => {
    const notCached = await recording(onCore('7001-c.wav'));
    // Only the watcher listens now: a subscriber that never answers.
    assert.deepEqual(await refusalOf(notCached), ['41', 'API_FILE_NOT_FOUND',
      `recorder core ${CORE} does not answer (no answer in 1000 ms); the audio file of recording ${notCached} is on it`]);
    await watchNc.close();
    assert.deepEqual(await refusalOf(notCached), ['41', 'API_FILE_NOT_FOUND',
      `recorder core ${CORE} does not answer (no responders: '${subjects.core(CORE, 'file')}'); the audio file of recording ${notCached} is on it`]);
  });

  describe('a file that changes between chunks (a stand-in core speaking the file service\'s wire)', () => {
    const STANDIN = 12;
    const bytes = wavOf(1.5 * MAX_FILE_CHUNK_BYTES);
    let served = 0;
    let stand: Subscription;
    /** Answers chunks of `bytes`; `mtimeOf(n)` is the mtime it gives the n-th chunk it serves. */
    const standIn = (mtimeOf: (n: number) => number) => {
      stand = coreNc.subscribe(subjects.core(STANDIN, 'file'), {
        callback: (_err, msg) => {
          const { offset, length } = msg.json<{ offset: number; length: number }>();
          msg.respond(bytes.subarray(offset, offset + length), { headers: chunkHeaders({ offset, size: bytes.length, mtimeMs: mtimeOf(served++) }) });
        },
      });
      return coreNc.flush();
    };
    afterEach(() => stand?.unsubscribe());

    it('is fetched again when it changed once, and the copy is the final file', async () => {
      await standIn((n) => (n === 0 ? 1000 : 2000)); // first pass: 1000 then 2000 (changed); second pass: 2000, 2000
      const ident = await recording('/var/lib/callwire/recordings/once.wav', STANDIN);
      const reply = await exportOf(ident);
      assert.equal(reply.status, 200, reply.body.toString('utf8', 0, 300));
      assert.equal(served, 4, 'two chunks, twice');
      assert.ok(readFileSync(join(t.dir, 'remote-recordings', String(STANDIN), `${ident}-once.wav`)).equals(bytes));
    });

    it('is refused when it keeps changing, leaving no partial copy', async () => {
      served = 0;
      await standIn((n) => n);
      const ident = await recording('/var/lib/callwire/recordings/growing.wav', STANDIN);
      assert.deepEqual(await refusalOf(ident), ['41', 'API_FILE_NOT_FOUND',
        `the audio file of recording ${ident} kept changing on recorder core ${STANDIN} while it was fetched; export it when the core has finished it`]);
      assert.deepEqual(readdirSync(join(t.dir, 'remote-recordings', String(STANDIN))).filter((name) => name.startsWith(`${ident}-`)), []);
    });
  });
});

/** A WAV of about `bytes` bytes (8 kHz mono), its samples counting up. */
function wavOf(bytes: number): Buffer {
  const frames = Math.floor(bytes / 2);
  const data = Buffer.alloc(frames * 2);
  for (let i = 0; i < frames; i++) data.writeInt16LE((i % 60000) - 30000, i * 2);
  return Buffer.concat([wavHeader({ sampleRate: 8000, channels: 1 }, frames), data]);
}

function requestOf(msg: Msg): [string, number] {
  const { fileName, offset } = msg.json<{ fileName: string; offset: number }>();
  return [fileName, offset];
}
