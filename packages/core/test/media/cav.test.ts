import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CavError, encodeCav, encodeWav, readCav, type CavMetadata } from '../../src/media/index.js';
import { bytesOf, memorySource, sine } from './pcm-helpers.js';

const metadata: CavMetadata = {
  format: 'callwire-cav',
  version: 1,
  exportedAt: '2026-01-02T03:04:05.000Z',
  audio: { container: 'wav', encoding: 'pcm_s16le', sampleRate: 8000, channels: 1, frames: 4000, durationMs: 500, bytes: 8044 },
  recordings: [{ ident: 42, user2: 'café ünïcode', offsetMs: 0, durationMs: 500, blackouts: [{ start: 10, stop: 20, startOffsetMs: 10, stopOffsetMs: 20 }] }],
};
const wav = () => encodeWav(memorySource(sine(4000, 440, 8000), { sampleRate: 8000, channels: 1 }));

describe('CAV archives', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-cav-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('packs the metadata JSON and the WAV as CAV.md lays out, with a known length', async () => {
    const media = encodeCav(wav(), metadata);
    const file = await bytesOf(media.open());
    assert.equal(file.length, media.byteLength);
    assert.equal(file.toString('latin1', 0, 5), 'CWCAV');
    assert.deepEqual([...file.subarray(5, 12)], [1, 0, 0, 0, 0, 0, 0]);
    const length = file.readUInt32BE(12);
    assert.deepEqual(JSON.parse(file.toString('utf8', 16, 16 + length)), metadata);
    assert.ok(file.subarray(16 + length).equals(await bytesOf(wav().open())));
    const read = await readCav(file);
    assert.deepEqual(read.metadata, metadata);
    assert.equal(read.encrypted, false);
  });

  it('encrypts with AES-256-GCM under an scrypt key: opens with the password, refuses a wrong one or a changed byte', async () => {
    const media = encodeCav(wav(), metadata, 'correct horse');
    const file = await bytesOf(media.open());
    assert.equal(file.length, media.byteLength);
    assert.deepEqual([...file.subarray(5, 10)], [1, 1, 15, 8, 1], 'version, mode, scrypt log2 N, r, p');
    assert.equal(file.indexOf(Buffer.from('callwire-cav')), -1, 'nothing readable');
    const read = await readCav(file, 'correct horse');
    assert.deepEqual(read.metadata, metadata);
    assert.ok(read.wav.equals(await bytesOf(wav().open())));
    await assert.rejects(readCav(file, 'correct horse!'), (err: unknown) => err instanceof CavError && err.reason === 'wrong-password');
    for (const at of [7, 20, 30, 60, file.length - 1]) {
      const changed = Buffer.from(file);
      changed[at]! ^= 1;
      await assert.rejects(readCav(changed, 'correct horse'), CavError, `byte ${at} changed`);
    }
    const again = await bytesOf(encodeCav(wav(), metadata, 'correct horse').open());
    assert.ok(!again.subarray(12, 40).equals(file.subarray(12, 40)), 'a fresh salt and nonce every time');
  });

  it('decrypts with the Node one-liner CAV.md documents, and the one-liner fails on a wrong password', async () => {
    const doc = readFileSync(new URL('../../../src/media/CAV.md', import.meta.url), 'utf8');
    const line = doc.split('\n').find((l) => l.startsWith("node -e '"))!;
    const script = line.slice("node -e '".length, line.lastIndexOf("' recording.cav"));
    const path = join(dir, 'call.cav');
    writeFileSync(path, await bytesOf(encodeCav(wav(), metadata, 'pa55 word').open()));
    execFileSync(process.execPath, ['-e', script, path, 'pa55 word'], { stdio: 'pipe' });
    assert.deepEqual(JSON.parse(readFileSync(`${path}.json`, 'utf8')), metadata);
    assert.ok(readFileSync(`${path}.wav`).equals(await bytesOf(wav().open())));
    assert.throws(() => execFileSync(process.execPath, ['-e', script, path, 'nope'], { stdio: 'pipe' }), /unable to authenticate/);
  });
});
