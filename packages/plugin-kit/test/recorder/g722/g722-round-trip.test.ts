import assert from 'node:assert/strict';
import { G722Decoder, G722Encoder } from '../../../src/index.js';
import { delayOf, mix, noise, powerAt, sine, snrDb } from '../../support/audio-measures.js';

const RATE = 16000;
/** The first 100 ms, while the quantisers' scale factors adapt, are left out of the SNR. */
const SETTLE = RATE / 10;

function roundTrip(input: Int16Array): Int16Array {
  return new G722Decoder().decode(new G722Encoder().encode(input));
}

/** The codec's fixed delay (the two 24-tap QMFs), from broadband noise: one clear correlation peak. */
function codecDelay(): number {
  const input = noise(8000, RATE / 2);
  return delayOf(input, roundTrip(input), 64);
}

describe('G.722 encode → decode', () => {
  it('delays by a fixed 22 samples at 16 kHz (1.375 ms): the two 24-tap QMFs', () => {
    assert.equal(codecDelay(), 22);
  });

  it('keeps a 1 kHz sine (low band) at an SNR above 25 dB', () => {
    const input = sine(1000, 10000, RATE);
    const snr = snrDb(input, roundTrip(input), codecDelay(), SETTLE);
    assert.ok(snr > 25, `SNR ${snr.toFixed(1)} dB`);
  });

  it('keeps a 5 kHz sine (high band) at an SNR above 20 dB', () => {
    // The high band has 2 bits a sample: G.722 itself gives about 22 dB here
    // (the same with FFmpeg's codec, which is bit-exact with this one), about
    // 27 dB at 4.5 or 6 kHz; 25 dB is out of the recommendation's reach at 5 kHz.
    const input = sine(5000, 10000, RATE);
    const output = roundTrip(input);
    const snr = snrDb(input, output, codecDelay(), SETTLE);
    assert.ok(snr > 20, `SNR ${snr.toFixed(1)} dB`);
    assert.ok(powerAt(output.subarray(SETTLE), 5000) > 0.8 * powerAt(input.subarray(SETTLE), 5000), 'the tone keeps its power');
  });

  it('keeps both tones of 300 Hz + 6 kHz, each within 1 dB, with nothing between them', () => {
    const input = mix(sine(300, 8000, RATE), sine(6000, 8000, RATE));
    const output = roundTrip(input).subarray(SETTLE);
    const before = input.subarray(SETTLE);
    for (const frequency of [300, 6000]) {
      const ratio = powerAt(output, frequency) / powerAt(before, frequency);
      assert.ok(Math.abs(10 * Math.log10(ratio)) < 1, `${frequency} Hz: ${(10 * Math.log10(ratio)).toFixed(2)} dB`);
    }
    const tone = powerAt(output, 300);
    for (const frequency of [1000, 2000, 3000, 4000, 5000]) {
      assert.ok(powerAt(output, frequency) < tone / 1000, `${frequency} Hz is 30 dB below the tones`);
    }
  });
});
