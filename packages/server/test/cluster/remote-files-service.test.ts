import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { pino } from 'pino';
import { serveRecordingFiles } from '../../src/cluster/file-service.js';
import { MAX_FILE_CHUNK_BYTES, readFileChunkReply, type FileChunkReply } from '../../src/cluster/file-chunk-wire.js';
import { clusterSubjects } from '../../src/cluster/subjects.js';
import { NatsServer, natsServerAvailable } from '../support/nats-server.js';

/** The core side of remote recording files: what `serveRecordingFiles` answers, over a real nats-server. */
describe('cluster file service: a core serves chunks of its recording files', function () {
  this.timeout(30_000);
  const subjects = clusterSubjects('filetest');
  let nats: NatsServer;
  let nc: NatsConnection;
  let service: Subscription;
  let dir: string;
  let root: string;

  const ask = async (payload: string | Uint8Array): Promise<FileChunkReply> =>
    readFileChunkReply(await nc.request(subjects.core(3, 'file'), payload, { timeout: 5000 }));
  const askFor = (fileName: string, offset = 0, length = MAX_FILE_CHUNK_BYTES) => ask(JSON.stringify({ fileName, offset, length }));
  const refusal = async (reply: Promise<FileChunkReply>): Promise<string> => {
    const answered = await reply;
    assert.equal(answered.ok, false, 'refused');
    const { error } = answered as { error: string };
    assert.ok(!error.includes('\n'), `one line: ${error}`);
    return error;
  };

  before(async function () {
    if (!natsServerAvailable()) this.skip();
    nats = await NatsServer.start();
    nc = await connect({ servers: nats.url });
    dir = mkdtempSync(join(tmpdir(), 'callwire-file-service-'));
    root = join(dir, 'recordings');
    mkdirSync(join(root, '2026', '12', '02'), { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), 'not a recording');
    service = serveRecordingFiles(nc, { coreIdent: 3, recordingsPath: root, subjects, log: pino({ level: 'silent' }) });
    await nc.flush();
  });
  after(async () => {
    await nc?.close();
    await nats?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers a chunk as the raw bytes at the offset, with the file\'s size and mtime in headers, by absolute or relative name', async () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    const path = join(root, '2026', '12', '02', 'call.wav');
    writeFileSync(path, bytes);
    const chunk = await askFor(path, 100, 300);
    assert.ok(chunk.ok);
    assert.deepEqual([chunk.offset, chunk.size, chunk.bytes.length], [100, 1000, 300]);
    assert.ok(Buffer.from(chunk.bytes).equals(bytes.subarray(100, 400)));
    assert.ok(chunk.mtimeMs > 0);
    const tail = await askFor('2026/12/02/call.wav', 900, 300);
    assert.ok(tail.ok);
    assert.ok(Buffer.from(tail.bytes).equals(bytes.subarray(900)), 'fewer bytes than asked at the end');
    const past = await askFor(path, 5000, 10);
    assert.ok(past.ok);
    assert.deepEqual([past.size, past.bytes.length], [1000, 0], 'past the end: nothing, and the size to say so');
  });

  it('frames by headers, not by content: a file that reads as a JSON refusal is served as bytes', async () => {
    const lookalike = JSON.stringify({ ok: false, error: 'I am only a file' });
    writeFileSync(join(root, 'lookalike.wav'), lookalike);
    const chunk = await askFor('lookalike.wav');
    assert.ok(chunk.ok, 'a chunk, not a refusal');
    assert.equal(Buffer.from(chunk.bytes).toString('utf8'), lookalike);
  });

  it('refuses a request payload that is not JSON, or is JSON of the wrong shape, in one line saying what is wrong', async () => {
    assert.equal(await refusal(ask(new Uint8Array([0xff, 0x00, 0x52, 0x49, 0x46, 0x46]))), 'the request is not JSON { fileName, offset, length }');
    assert.equal(await refusal(ask('null')), 'the request has no fileName');
    assert.equal(await refusal(ask(JSON.stringify({ offset: 0, length: 10 }))), 'the request has no fileName');
    assert.equal(await refusal(askFor('lookalike.wav', -1, 10)), 'offset must be a whole number of bytes from 0, not -1');
    assert.equal(await refusal(askFor('lookalike.wav', 0, MAX_FILE_CHUNK_BYTES + 1)), `length must be 1 to ${MAX_FILE_CHUNK_BYTES} bytes, not ${MAX_FILE_CHUNK_BYTES + 1}`);
    assert.equal(await refusal(askFor('lookalike.wav', 0, 0)), `length must be 1 to ${MAX_FILE_CHUNK_BYTES} bytes, not 0`);
  });

  it('serves only regular files inside recordings.path: traversal, absolute paths and links out, missing files and directories are refused', async () => {
    symlinkSync(join(dir, 'secret.txt'), join(root, 'escape.wav'));
    symlinkSync(join(root, 'lookalike.wav'), join(root, 'inside-link.wav'));
    assert.equal(await refusal(askFor('../secret.txt')), '\'../secret.txt\' is outside the recordings directory');
    assert.equal(await refusal(askFor('2026/../../secret.txt')), '\'2026/../../secret.txt\' is outside the recordings directory');
    assert.equal(await refusal(askFor(join(dir, 'secret.txt'))), `'${join(dir, 'secret.txt')}' is outside the recordings directory`);
    assert.equal(await refusal(askFor('escape.wav')), '\'escape.wav\' is a link out of the recordings directory');
    assert.equal(await refusal(askFor('gone.wav')), '\'gone.wav\' does not exist');
    assert.equal(await refusal(askFor('2026/12')), '\'2026/12\' is not a file');
    assert.equal(await refusal(askFor(root)), `'${root}' is not a file`, 'nor is the directory itself');
    assert.ok((await askFor('inside-link.wav')).ok, 'a link that stays inside is served');
  });

  it('stops answering once unsubscribed: the asker hears no responders', async () => {
    service.unsubscribe();
    await assert.rejects(nc.request(subjects.core(3, 'file'), JSON.stringify({ fileName: 'lookalike.wav', offset: 0, length: 10 }), { timeout: 2000 }), /no responders/);
  });
});
