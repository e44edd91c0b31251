import assert from 'node:assert/strict';
import { HighBand } from '../../../src/recorder/g722/high-band.js';
import { LowBand } from '../../../src/recorder/g722/low-band.js';
import { readItuSequence } from '../../support/itu-test-sequence.js';

/**
 * ITU-T G.722 Appendix II: the digital test sequences, which test the
 * SB-ADPCM bands with the QMFs bypassed (configuration 1: the input word
 * goes to both band encoders; configuration 2: the decoders' outputs are
 * read before the receive QMF). Mode 1 (64 kbit/s) only, the one RTP uses.
 */
describe('G.722 against the ITU-T test sequences', () => {
  it('encodes T1C2.XMT to exactly T2R2.COD', () => {
    const input = readItuSequence('T1C2.XMT');
    const expected = readItuSequence('T2R2.COD');
    assert.equal(input.length, expected.length);
    const low = new LowBand();
    const high = new HighBand();
    const mismatches: string[] = [];
    input.forEach((word, i) => {
      const band = ((word << 16) >> 16) >> 1; // the 16-bit word, halved into each band
      const code = (high.encode(band) << 6) | low.encode(band);
      if (code !== expected[i]! >> 8) mismatches.push(`#${i}: ${code} ≠ ${expected[i]! >> 8}`);
    });
    assert.ok(input.length > 700, `the sequence has ${input.length} samples`);
    assert.deepEqual(mismatches, []);
  });

  it('decodes T2R2.COD to exactly T3L2.RC1 (low band, mode 1) and T3H2.RC0 (high band)', () => {
    const codes = readItuSequence('T2R2.COD');
    const lowExpected = readItuSequence('T3L2.RC1');
    const highExpected = readItuSequence('T3H2.RC0');
    assert.equal(lowExpected.length, codes.length);
    assert.equal(highExpected.length, codes.length);
    const low = new LowBand();
    const high = new HighBand();
    const mismatches: string[] = [];
    codes.forEach((word, i) => {
      const code = word >> 8;
      const rl = (low.decode(code & 0x3f) << 1) & 0xffff;
      const rh = (high.decode(code >> 6) << 1) & 0xffff;
      if (rl !== lowExpected[i] || rh !== highExpected[i]) {
        mismatches.push(`#${i}: ${rl}/${rh} ≠ ${lowExpected[i]}/${highExpected[i]}`);
      }
    });
    assert.deepEqual(mismatches.slice(0, 5), []);
  });
});
