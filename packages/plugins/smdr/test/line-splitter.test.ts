import assert from 'node:assert/strict';
import type { LineEnding } from '@callwire/plugin-kit';
import { lineSplitterFor } from '../src/transport/create-source.js';

/** The lines of a stream as the options split it; a piece of an over-long line shown as `[cut] …`, the rest at the end as `(end) …`. */
const split = (lineEnding: LineEnding, chunks: (string | Buffer)[], encoding: 'latin1' | 'utf8' = 'latin1', maxLineLength = 1000) => {
  const splitter = lineSplitterFor({ lineEnding, encoding, maxLineLength })();
  const show = (line: { text: string; cut: boolean }) => `${line.cut ? '[cut] ' : ''}${line.text}`;
  const lines = chunks.flatMap((c) => splitter.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : c)).map(show);
  return [...lines, ...splitter.end().map((l) => `(end) ${show(l)}`)];
};

describe('line splitting of SMDR streams, as the options set it', () => {
  it('joins a record split over reads and separates several records in one read', () => {
    assert.deepEqual(split('CRLF', ['06/13 11:4', '2p 00:08:29 214\r', '\nA\r\nB\r\nC', '\r\n']), ['06/13 11:42p 00:08:29 214', 'A', 'B', 'C']);
  });

  it('with CRLF, a lone CR or LF is part of the line', () => {
    assert.deepEqual(split('CRLF', ['a\rb\nc\r\n']), ['a\rb\nc']);
  });

  it('CR and LF split on their character only', () => {
    assert.deepEqual(split('CR', ['a\rb\r']), ['a', 'b']);
    assert.deepEqual(split('LF', ['a\nb\n']), ['a', 'b']);
  });

  it('any: CR, LF and CRLF end a line, a CRLF split between reads counts once, blank lines are dropped', () => {
    assert.deepEqual(split('any', ['a\r', '\nb\rc\n\r\n\r\nd\r\n']), ['a', 'b', 'c', 'd']);
  });

  it('removes form feeds and NULs of printer output', () => {
    assert.deepEqual(split('any', ['\f06/24/97 10:03AM\0\r\n']), ['06/24/97 10:03AM']);
  });

  it('hands on the last line without a terminator when the stream ends', () => {
    assert.deepEqual(split('CRLF', ['a\r\nhalf a re']), ['a', '(end) half a re']);
  });

  it('cuts a run longer than maxLineLength into marked pieces, so garbage without line endings is not held forever, nor read as records', () => {
    assert.deepEqual(split('CRLF', ['x'.repeat(25), 'y\r\nA\r\n'], 'latin1', 10), [`[cut] ${'x'.repeat(10)}`, `[cut] ${'x'.repeat(10)}`, '[cut] xxxxxy', 'A']);
  });

  it('decodes UTF-8 characters split between reads', () => {
    const bytes = Buffer.from('Müller\r\n', 'utf8');
    assert.deepEqual(split('CRLF', [bytes.subarray(0, 2), bytes.subarray(2)], 'utf8'), ['Müller']);
  });
});
