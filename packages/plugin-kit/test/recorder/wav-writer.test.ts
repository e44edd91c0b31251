import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silenceWavFile, WavWriter } from '../../src/index.js';
import { readWav } from '../../src/testing/index.js';

/** A ramp the test can recognise at any frame: left = frame % 30000, right = -(frame % 30000). */
function ramp(from: number, frames: number): Int16Array {
  const out = new Int16Array(frames * 2);
  for (let i = 0; i < frames; i++) {
    out[2 * i] = (from + i) % 30000;
    out[2 * i + 1] = -((from + i) % 30000);
  }
  return out;
}

describe('WavWriter', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kit-wav-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a 16-bit PCM WAV whose header is fixed up at close', async () => {
    const writer = await WavWriter.create(join(dir, 'a', 'b', 'call.wav'), { channels: 2, sampleRate: 8000 });
    for (let at = 0; at < 20_000; at += 1000) writer.append(ramp(at, 1000));
    assert.equal(await writer.close(20_000), 44 + 80_000);
    const wav = readWav(writer.path);
    assert.deepEqual(
      [wav.format, wav.channels, wav.sampleRate, wav.byteRate, wav.blockAlign, wav.bitsPerSample, wav.dataOffset, wav.dataSize, wav.riffSize],
      [1, 2, 8000, 32000, 4, 16, 44, 80_000, wav.size - 8],
    );
    assert.equal(wav.samples[0]![12_345], 12_345);
    assert.equal(wav.samples[1]![19_999], -19_999);
  });

  it('pads with silence or cuts so the file holds exactly the frames asked for at close', async () => {
    const short = await WavWriter.create(join(dir, 'short.wav'), { channels: 1, sampleRate: 8000 });
    short.append(new Int16Array(100).fill(5));
    await short.close(8000);
    const padded = readWav(short.path);
    assert.equal(padded.frames, 8000);
    assert.equal(padded.samples[0]![99], 5);
    assert.equal(padded.samples[0]![100], 0);

    const long = await WavWriter.create(join(dir, 'long.wav'), { channels: 1, sampleRate: 8000 });
    long.append(new Int16Array(50_000).fill(7));
    await long.close(40_000);
    assert.equal(statSync(long.path).size, 44 + 80_000);
    assert.equal(readWav(long.path).frames, 40_000);
  });

  it('adds a suffix when the file name is taken, and never overwrites', async () => {
    const path = join(dir, '7001-10-00-00.wav');
    writeFileSync(path, 'someone else’s file');
    const second = await WavWriter.create(path, { channels: 1, sampleRate: 8000 });
    const third = await WavWriter.create(path, { channels: 1, sampleRate: 8000 });
    assert.equal(second.path, join(dir, '7001-10-00-00-2.wav'));
    assert.equal(third.path, join(dir, '7001-10-00-00-3.wav'));
    await Promise.all([second.close(0), third.close(0)]);
    assert.equal(readFileSync(path, 'utf8'), 'someone else’s file');
  });

  it('overwrites a span with silence, on disk and in the chunk still in memory', async () => {
    const writer = await WavWriter.create(join(dir, 'silence.wav'), { channels: 2, sampleRate: 8000 });
    writer.append(ramp(0, 20_000)); // 80 kB: two chunks handed to the disk, the rest in memory
    await writer.silence(1000, 3000); // on disk
    await writer.silence(19_000, 19_500); // in memory
    writer.append(ramp(20_000, 4000));
    await writer.close(24_000);
    const [left, right] = readWav(writer.path).samples as [Int16Array, Int16Array];
    for (const [from, to] of [[1000, 3000], [19_000, 19_500]] as const) {
      assert.equal(left[from - 1], from - 1);
      assert.ok(left.subarray(from, to).every((s) => s === 0) && right.subarray(from, to).every((s) => s === 0), `${from}-${to} silent`);
      assert.equal(left[to], to);
    }
    assert.equal(left[23_999], 23_999);
  });

  it('writes G.711 codes as they come, with µ-law silence (0xFF) for padding and silenced spans', async () => {
    const writer = await WavWriter.create(join(dir, 'ulaw.wav'), { channels: 1, sampleRate: 8000, encoding: 'mulaw' });
    writer.appendBytes(Buffer.alloc(40_000, 0x12)); // one chunk on disk, the rest in memory
    await writer.silence(100, 200);
    await writer.silence(39_000, 39_100);
    assert.throws(() => writer.append(new Int16Array(2)), /holds mulaw samples/);
    await writer.close(41_000);
    const wav = readWav(writer.path);
    assert.deepEqual([wav.format, wav.channels, wav.bitsPerSample, wav.blockAlign, wav.byteRate, wav.dataSize], [7, 1, 8, 1, 8000, 41_000]);
    const at = (from: number, to: number) => new Set(wav.data.subarray(from, to));
    assert.deepEqual([at(0, 100), at(100, 200), at(200, 39_000), at(39_000, 39_100), at(39_100, 40_000), at(40_000, 41_000)].map((s) => [...s]), [
      [0x12], [0xff], [0x12], [0xff], [0x12], [0xff],
    ]);
    assert.equal(await silenceWavFile(writer.path, 0, 1), 8);
    assert.deepEqual([...new Set(readWav(writer.path).data.subarray(0, 8))], [0xff]);
  });

  it('refuses a format the WAV rules do not allow before making a file', async () => {
    await assert.rejects(WavWriter.create(join(dir, 'six.wav'), { channels: 6, sampleRate: 8000 }), /6 channels; only mono and stereo/);
    await assert.rejects(WavWriter.create(join(dir, 'slow.wav'), { channels: 1, sampleRate: 10 }), /sample rate 10 Hz is out of range/);
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('silenceWavFile', () => {
  it('overwrites [from, to) ms of a finished file in place and clips to its audio', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-wav-'));
    try {
      const writer = await WavWriter.create(join(dir, 'done.wav'), { channels: 2, sampleRate: 8000 });
      writer.append(ramp(0, 16_000));
      await writer.close(16_000);
      assert.equal(await silenceWavFile(writer.path, 500, 750), 2000 * 4);
      assert.equal(await silenceWavFile(writer.path, 1900, 5000), 800 * 4);
      const left = readWav(writer.path).samples[0]!;
      assert.equal(left[3999], 3999);
      assert.ok(left.subarray(4000, 6000).every((s) => s === 0));
      assert.equal(left[6000], 6000);
      assert.ok(left.subarray(15_200).every((s) => s === 0));
      assert.equal(statSync(writer.path).size, 44 + 64_000);
      writeFileSync(join(dir, 'other.wav'), Buffer.alloc(100));
      await assert.rejects(silenceWavFile(join(dir, 'other.wav'), 0, 10), /other\.wav is not a WAV file: not a RIFF\/WAVE file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
