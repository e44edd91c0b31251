import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { G722Decoder, G722Encoder } from '../../../src/index.js';

/** Known answers made with FFmpeg's G.722 codec (see test/fixtures/g722-ffmpeg/README.txt). */
const FIXTURES = new URL('../../../../test/fixtures/g722-ffmpeg/', import.meta.url);

function samples(name: string): Int16Array {
  const bytes = readFileSync(new URL(name, FIXTURES));
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
}

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return `#${i}: ${a[i]} ≠ ${b[i]}`;
  return 'none';
}

describe('G.722 against FFmpeg (an independent implementation), QMFs included', () => {
  it('encodes the input to exactly FFmpeg’s bitstream', () => {
    const input = samples('input.s16le');
    const expected = new Uint8Array(readFileSync(new URL('ffmpeg.g722', FIXTURES)));
    const actual = new G722Encoder().encode(input);
    assert.equal(actual.length, expected.length);
    assert.equal(firstDifference(actual, expected), 'none');
  });

  it('decodes FFmpeg’s bitstream to exactly FFmpeg’s samples, saturation included', () => {
    const bitstream = new Uint8Array(readFileSync(new URL('ffmpeg.g722', FIXTURES)));
    const expected = samples('ffmpeg-decoded.s16le');
    const actual = new G722Decoder().decode(bitstream);
    assert.equal(actual.length, expected.length);
    assert.equal(firstDifference(actual, expected), 'none');
    assert.ok(expected.includes(-32768), 'the fixture reaches the negative rail (where a wrapping decoder goes wrong)');
  });
});
