import assert from 'node:assert/strict';
import { DialogicAdpcmDecoder, DialogicAdpcmEncoder, encodeVox } from '../../src/media/index.js';
import { bytesOf, memorySource, sine, snrDb, toneShare } from './pcm-helpers.js';

describe('VOX: Dialogic ADPCM', () => {
  it('round-trips speech-band tones: over 20 dB SNR up to 1 kHz, over 14 dB at 2.5 kHz (4 bits a sample, 12-bit precision)', () => {
    // ADPCM tracks the waveform's slope; high tones outrun the step size more often.
    for (const [frequency, amplitude, bound] of [[300, 12000, 20], [1000, 8000, 20], [2500, 4000, 14]] as const) {
      const input = sine(8000, frequency, 8000, amplitude);
      const encoder = new DialogicAdpcmEncoder();
      const bytes = Buffer.concat([encoder.encode(input), encoder.flush()]);
      assert.equal(bytes.length, 4000, 'two samples a byte');
      const decoded = new DialogicAdpcmDecoder().decode(bytes);
      // The first few ms are the step size adapting from its smallest value.
      const snr = snrDb(input.subarray(400), decoded.subarray(400));
      assert.ok(snr > bound, `${frequency} Hz: ${snr.toFixed(1)} dB`);
    }
  });

  it('puts the first sample in the high nibble and carries an odd sample to the next call', () => {
    const encoder = new DialogicAdpcmEncoder();
    const whole = new DialogicAdpcmEncoder();
    const input = sine(101, 700, 8000);
    const split = Buffer.concat([encoder.encode(input.subarray(0, 33)), encoder.encode(input.subarray(33)), encoder.flush()]);
    const once = Buffer.concat([whole.encode(input), whole.flush()]);
    assert.ok(split.equals(once), 'chunking does not change the output');
    assert.equal(once.length, 51);
    assert.equal(once[50]! & 0x0f, 0, 'the odd last sample is padded with a zero code');
    // A rising first sample from silence codes as positive (sign bit clear) in the high nibble.
    const first = new DialogicAdpcmEncoder().encode(Int16Array.from([2000, 0]));
    assert.equal(first[0]! >> 4, 0x7, 'largest positive step first');
    assert.equal(first[0]! & 0x08, 0x08, 'then a fall back toward zero');
  });

  it('encodes a stereo 8 kHz source to mono VOX at 6 kHz or 8 kHz with known lengths', async () => {
    const stereo = sine(8000, [1000, 600], 8000);
    const at8 = encodeVox(memorySource(stereo, { sampleRate: 8000, channels: 2 }), 8000);
    const bytes8 = await bytesOf(at8.open());
    assert.equal(bytes8.length, at8.byteLength);
    assert.equal(bytes8.length, 4000);
    const at6 = encodeVox(memorySource(stereo, { sampleRate: 8000, channels: 2 }), 6000);
    const bytes6 = await bytesOf(at6.open());
    assert.equal(bytes6.length, 3000);
    assert.equal(bytes6.length, at6.byteLength);
    const decoded = new DialogicAdpcmDecoder().decode(bytes6);
    const share = toneShare(decoded, 1000, 6000, 600, 3000) + toneShare(decoded, 600, 6000, 600, 3000);
    assert.ok(share > 0.95, `both tones survive at 6 kHz: ${share.toFixed(3)}`);
  });
});
