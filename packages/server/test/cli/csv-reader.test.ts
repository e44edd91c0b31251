import assert from 'node:assert/strict';
import { readCsv, type CsvRecord } from '../../src/cli/csv-reader.js';

const read = (text: string): CsvRecord[] => [...readCsv(text)];

describe('readCsv (RFC 4180, with line-accurate recovery)', () => {
  it('splits on commas and CRLF or LF, and keeps empty fields', () => {
    assert.deepEqual(read('a,b,c\r\n1,,3\n,,\n'), [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '', '3'] },
      { line: 3, fields: ['', '', ''] },
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks, and counts lines across them', () => {
    assert.deepEqual(read('"Smith, Jr.","say ""hi""","two\r\nlines"\nnext,"",x'), [
      { line: 1, fields: ['Smith, Jr.', 'say "hi"', 'two\r\nlines'] },
      { line: 3, fields: ['next', '', 'x'] },
    ]);
  });

  it('skips a byte order mark and blank lines, and needs no newline at the end', () => {
    assert.deepEqual(read('\uFEFFname\n\n\r\nAnn'), [
      { line: 1, fields: ['name'] },
      { line: 4, fields: ['Ann'] },
    ]);
  });

  it('reports a malformed record with the line it starts on and reads on from the next line', () => {
    assert.deepEqual(read('a,b\nx,"y"z\nq"uote,1\n"multi\nline" tail,2\nok,3\n'), [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'text after the closing quote of field 2' },
      { line: 3, error: 'a quote inside field 1, which is not quoted: quote the whole field and double the quote ("")' },
      { line: 4, error: 'text after the closing quote of field 1' },
      { line: 6, fields: ['ok', '3'] },
    ]);
  });

  it('reports a quote that is never closed on its own line, then reads the lines after it', () => {
    assert.deepEqual(read('"open,1\nAnn,2\nBob,3'), [
      { line: 1, error: 'the quoted field 1 is never closed' },
      { line: 2, fields: ['Ann', '2'] },
      { line: 3, fields: ['Bob', '3'] },
    ]);
  });
});
