import assert from 'node:assert/strict';
import { ALAW_TO_LINEAR, linearToAlaw, linearToUlaw, ULAW_TO_LINEAR } from '../../src/index.js';

describe('G.711', () => {
  it('decodes µ-law as ITU-T G.711 tabulates it', () => {
    assert.equal(ULAW_TO_LINEAR[0xff], 0);
    assert.equal(ULAW_TO_LINEAR[0x7f], 0);
    assert.equal(ULAW_TO_LINEAR[0x80], 32124);
    assert.equal(ULAW_TO_LINEAR[0x00], -32124);
    assert.equal(ULAW_TO_LINEAR[0xfe], 8);
    assert.equal(ULAW_TO_LINEAR[0xef], 132);
  });

  it('decodes A-law as ITU-T G.711 tabulates it', () => {
    assert.equal(ALAW_TO_LINEAR[0xd5], 8);
    assert.equal(ALAW_TO_LINEAR[0x55], -8);
    assert.equal(ALAW_TO_LINEAR[0xaa], 32256);
    assert.equal(ALAW_TO_LINEAR[0x2a], -32256);
    assert.equal(ALAW_TO_LINEAR[0xc5], 264);
  });

  it('decoding is monotonic in magnitude within each sign', () => {
    for (const table of [ULAW_TO_LINEAR, ALAW_TO_LINEAR]) {
      const positives = [...table].filter((v) => v > 0).sort((a, b) => a - b);
      assert.equal(new Set(positives).size, positives.length, 'every positive code is a distinct level');
    }
  });

  it('encodes every code back to itself (except µ-law’s second zero)', () => {
    for (let code = 0; code < 256; code++) {
      assert.equal(linearToAlaw(ALAW_TO_LINEAR[code]!), code, `A-law ${code}`);
      if (code !== 0x7f) assert.equal(linearToUlaw(ULAW_TO_LINEAR[code]!), code, `µ-law ${code}`);
    }
  });

  it('keeps the quantisation error within a segment step for any sample', () => {
    for (let s = -32768; s <= 32767; s += 7) {
      const u = ULAW_TO_LINEAR[linearToUlaw(s)]!;
      const a = ALAW_TO_LINEAR[linearToAlaw(s)]!;
      const step = Math.max(16, Math.abs(s) / 16);
      assert.ok(Math.abs(u - Math.max(-32124, Math.min(32124, s))) <= step * 1.1, `µ-law ${s} → ${u}`);
      assert.ok(Math.abs(a - s) <= step * 1.1, `A-law ${s} → ${a}`);
    }
  });
});
