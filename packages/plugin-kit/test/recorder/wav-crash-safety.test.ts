import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repairWavHeader, wavHeader, WavWriter } from '../../src/index.js';
import { readWav } from '../../src/testing/index.js';

const STEREO = { channels: 2, sampleRate: 8000 } as const;

/** The header's RIFF and data sizes as they are on disk now. */
function headerSizes(path: string): { riff: number; data: number; size: number } {
  const bytes = readFileSync(path);
  return { riff: bytes.readUInt32LE(4), data: bytes.readUInt32LE(40), size: bytes.length };
}

/** Polls `check` every 10 ms until it holds; fails after `timeoutMs`. */
async function waitUntil(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A stereo file as a crash leaves it: `frames` of a ramp after a header whose sizes say `claimedFrames`. */
function crashedFile(path: string, frames: number, claimedFrames: number, extra = 0): void {
  const data = Buffer.alloc(frames * 4 + extra);
  for (let f = 0; f < frames; f++) data.writeInt16LE(f % 30000, 4 * f);
  writeFileSync(path, Buffer.concat([wavHeader(STEREO, claimedFrames), data]));
}

describe('WavWriter: the header while recording', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kit-crash-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rewrites the RIFF and data sizes to the audio on disk, every headerUpdateMs, in place', async () => {
    let now = 0;
    const writer = await WavWriter.create(join(dir, 'live.wav'), STEREO, { headerUpdateMs: 2000, now: () => now });
    const chunk = 32 * 1024;
    /** Appends one 32 KiB chunk of `value` and waits until it is on disk. */
    const appendChunk = async (value: number) => {
      writer.append(new Int16Array(chunk / 2).fill(value));
      await writer.written();
    };
    await writer.written();
    assert.deepEqual(headerSizes(writer.path), { riff: 36, data: 0, size: 44 });
    await appendChunk(1); // t = 0: not due yet
    assert.deepEqual(headerSizes(writer.path), { riff: 36, data: 0, size: 44 + chunk });
    now = 2000;
    await appendChunk(2); // due: the sizes follow the audio on disk
    await waitUntil(() => headerSizes(writer.path).data > 0, 'the first header update');
    assert.deepEqual(headerSizes(writer.path), { riff: 36 + 2 * chunk, data: 2 * chunk, size: 44 + 2 * chunk });
    now = 3000;
    await appendChunk(3); // 1 s after the last update: not due
    assert.deepEqual(headerSizes(writer.path), { riff: 36 + 2 * chunk, data: 2 * chunk, size: 44 + 3 * chunk });
    now = 4000;
    await appendChunk(4);
    await waitUntil(() => headerSizes(writer.path).data > 2 * chunk, 'the second header update');
    assert.deepEqual(headerSizes(writer.path), { riff: 36 + 4 * chunk, data: 4 * chunk, size: 44 + 4 * chunk });
    // What a player reads of the live file is the audio written so far.
    const live = readWav(writer.path);
    assert.deepEqual([live.frames, live.samples[0]![live.frames - 1]], [chunk, 4]);
    writer.append(new Int16Array(2 * 1000).fill(5)); // in memory only
    await writer.close(chunk + 1000);
    assert.deepEqual(headerSizes(writer.path), { riff: 36 + 4 * chunk + 4000, data: 4 * chunk + 4000, size: 44 + 4 * chunk + 4000 });
  });

  it('with headerUpdateMs 0 leaves the sizes for the close', async () => {
    const writer = await WavWriter.create(join(dir, 'quiet.wav'), STEREO, { headerUpdateMs: 0 });
    writer.append(new Int16Array(2 * 17_000)); // two chunks on disk
    await writer.written();
    assert.deepEqual(headerSizes(writer.path), { riff: 36, data: 0, size: 44 + 64 * 1024 });
    await writer.close(17_000);
    assert.equal(headerSizes(writer.path).data, 68_000);
  });
});

describe('repairWavHeader', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kit-repair-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets the sizes of a file cut off before its first header update to the audio on disk', async () => {
    const path = join(dir, 'a.wav');
    crashedFile(path, 5000, 0);
    assert.equal(await repairWavHeader(path, STEREO), 'repaired');
    const wav = readWav(path);
    assert.deepEqual([wav.dataSize, wav.riffSize, wav.frames, wav.samples[0]![4999]], [20_000, 20_036, 5000, 4999]);
  });

  it('extends a header that lags the audio, cuts a partial frame, and mends a header zeroed whole', async () => {
    const lagging = join(dir, 'lagging.wav');
    crashedFile(lagging, 8000, 4000, 3);
    assert.equal(await repairWavHeader(lagging, STEREO), 'repaired');
    assert.deepEqual(headerSizes(lagging), { riff: 36 + 32_000, data: 32_000, size: 44 + 32_000 });

    const zeroed = join(dir, 'zeroed.wav');
    crashedFile(zeroed, 100, 100);
    const fd = openSync(zeroed, 'r+');
    writeSync(fd, Buffer.alloc(44), 0, 44, 0);
    closeSync(fd);
    assert.equal(await repairWavHeader(zeroed, STEREO), 'repaired');
    const wav = readWav(zeroed);
    assert.deepEqual([wav.format, wav.channels, wav.sampleRate, wav.bitsPerSample, wav.dataSize, wav.samples[0]![99]], [1, 2, 8000, 16, 400, 99]);

    const empty = join(dir, 'empty.wav');
    writeFileSync(empty, '');
    assert.equal(await repairWavHeader(empty, STEREO), 'repaired');
    assert.deepEqual(headerSizes(empty), { riff: 36, data: 0, size: 44 });
  });

  it('leaves a file whose header is right as it is', async () => {
    const path = join(dir, 'done.wav');
    crashedFile(path, 1000, 1000);
    const before = statSync(path).mtimeMs;
    assert.equal(await repairWavHeader(path, STEREO), 'intact');
    assert.equal(statSync(path).mtimeMs, before);
  });
});
