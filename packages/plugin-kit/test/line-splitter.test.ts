import assert from 'node:assert/strict';
import { LineSplitter, type LineSplitterOptions } from '../src/index.js';

/** Every line of `chunks`, a cut piece shown as `[cut] …`, what end() gives as `(end) …`. */
const split = (options: LineSplitterOptions, chunks: (string | Buffer)[]) => {
  const splitter = new LineSplitter(options);
  const show = (ended: boolean) => (l: { text: string; cut: boolean }) => `${ended ? '(end) ' : ''}${l.cut ? '[cut] ' : ''}${l.text}`;
  return [...chunks.flatMap((c) => splitter.push(c)).map(show(false)), ...splitter.end().map(show(true))];
};

describe('LineSplitter', () => {
  it('splits on CR, LF and CRLF by default, a CRLF split between reads counting once; blank lines are dropped', () => {
    assert.deepEqual(split({ maxLineLength: 100 }, ['{"a":1}\r', '\n{"b":2}\n\n  \r\n{"c"', ':3}\r{"d":4}']), ['{"a":1}', '{"b":2}', '{"c":3}', '(end) {"d":4}']);
  });

  it('with LF only, a CR stays in the line', () => {
    assert.deepEqual(split({ lineEnding: 'LF', maxLineLength: 100 }, ['a\r\nb\rc\n']), ['a\r', 'b\rc']);
  });

  it('hands on an over-long line in marked pieces, the shorter last piece too, and the next line whole', () => {
    assert.deepEqual(split({ maxLineLength: 4 }, ['abcdefghij', 'k\nok\n']), ['[cut] abcd', '[cut] efgh', '[cut] ijk', 'ok']);
    assert.deepEqual(split({ maxLineLength: 4 }, ['abcdefgh\nok\n']), ['[cut] abcd', '[cut] efgh', 'ok'], 'pieces of a line that came whole');
    assert.deepEqual(split({ maxLineLength: 4 }, ['abcd\n']), ['abcd'], 'a line of exactly the limit is whole');
    assert.deepEqual(split({ maxLineLength: 4 }, ['abcdef']), ['[cut] abcd', '(end) [cut] ef'], 'the end of an over-long line at the end of the stream');
  });

  it('decodes UTF-8 (the default) split between reads, and latin1 byte for byte', () => {
    const bytes = Buffer.from('Müller\n', 'utf8');
    assert.deepEqual(split({ maxLineLength: 100 }, [bytes.subarray(0, 2), bytes.subarray(2)]), ['Müller']);
    assert.deepEqual(split({ encoding: 'latin1', maxLineLength: 100 }, [Buffer.from([0x4d, 0xfc, 0x0d, 0x0a])]), ['Mü']);
  });

  it('removes form feeds and NULs, and refuses a maximum below 1', () => {
    assert.deepEqual(split({ maxLineLength: 100 }, ['\f\0\r\nx\0y\n']), ['xy']);
    assert.throws(() => new LineSplitter({ maxLineLength: 0 }), /maxLineLength must be at least 1, not 0/);
  });
});
