import assert from 'node:assert/strict';
import { concatSources, convertSource, resample, resampledFrames } from '../../src/media/index.js';
import { drain, memorySource, sine, toneShare } from './pcm-helpers.js';

describe('resampling, channel mapping and joining', () => {
  it('yields exactly ⌈frames × to / from⌉ frames whatever the chunking', async () => {
    for (const [from, to] of [[8000, 6000], [6000, 8000], [8000, 16000], [44100, 8000], [11025, 8000]] as const) {
      for (const frames of [0, 1, 2, 3, 999, 4097, 10_001]) {
        for (const chunk of [1, 7, 4096]) {
          if (frames > 2000 && chunk < 100) continue;
          const out = await drain(resample(memorySource(sine(frames, 440, from), { sampleRate: from, channels: 1 }, chunk), to));
          assert.equal(out.length, resampledFrames(frames, from, to), `${from}→${to} ${frames} frames in chunks of ${chunk}`);
          assert.equal(out.length, Math.ceil((frames * to) / from));
        }
      }
    }
  });

  it('keeps a tone at its frequency and level, and DC at its level', async () => {
    for (const [from, to, frequency] of [[8000, 6000, 1000], [8000, 16000, 2500], [16000, 8000, 700]] as const) {
      const out = await drain(resample(memorySource(sine(16000, frequency, from), { sampleRate: from, channels: 1 }), to));
      assert.ok(toneShare(out, frequency, to, 200, out.length - 400) > 0.99, `${from}→${to} at ${frequency} Hz`);
      const middle = out.subarray(200, out.length - 200);
      const rms = Math.sqrt(middle.reduce((sum, x) => sum + x * x, 0) / middle.length);
      assert.ok(Math.abs(rms - 8000 / Math.SQRT2) < 100, `level kept: rms ${rms.toFixed(0)}`);
    }
    const dc = await drain(resample(memorySource(new Int16Array(4000).fill(5000), { sampleRate: 8000, channels: 1 }), 6000));
    assert.ok(dc.subarray(100, dc.length - 100).every((x) => Math.abs(x - 5000) <= 1));
  });

  it('filters out what the lower rate cannot carry (3.5 kHz going to 6 kHz)', async () => {
    const out = await drain(resample(memorySource(sine(8000, 3500, 8000), { sampleRate: 8000, channels: 1 }), 6000));
    const rms = Math.sqrt(out.subarray(200, -200).reduce((sum, x) => sum + x * x, 0) / (out.length - 400));
    assert.ok(rms < 8000 * 0.707 * 0.05, `aliased energy under -26 dB: rms ${rms.toFixed(0)}`);
  });

  it('resamples stereo channels independently', async () => {
    const out = await drain(resample(memorySource(sine(8000, [1000, 300], 8000), { sampleRate: 8000, channels: 2 }), 6000));
    const left = out.filter((_, i) => i % 2 === 0);
    const right = out.filter((_, i) => i % 2 === 1);
    assert.ok(toneShare(left, 1000, 6000, 100, 5000) > 0.99);
    assert.ok(toneShare(right, 300, 6000, 100, 5000) > 0.99);
  });

  it('maps mono to both sides and stereo to the mean of its sides, and joins sources back to back', async () => {
    const mono = memorySource(Int16Array.from([100, -200, 300]), { sampleRate: 8000, channels: 1 });
    assert.deepEqual([...(await drain(convertSource(mono, { sampleRate: 8000, channels: 2 })))], [100, 100, -200, -200, 300, 300]);
    const stereo = memorySource(Int16Array.from([100, 300, -32768, -32768, 32767, 32767]), { sampleRate: 8000, channels: 2 });
    assert.deepEqual([...(await drain(convertSource(stereo, { sampleRate: 8000, channels: 1 })))], [200, -32768, 32767]);
    const joined = concatSources([memorySource(Int16Array.from([1, 2]), { sampleRate: 8000, channels: 1 }), memorySource(Int16Array.from([3]), { sampleRate: 8000, channels: 1 })], { sampleRate: 8000, channels: 1 });
    assert.equal(joined.frames, 3);
    assert.deepEqual([...(await drain(joined))], [1, 2, 3]);
    assert.throws(() => concatSources([stereo], { sampleRate: 8000, channels: 1 }), /cannot join/);
  });
});
