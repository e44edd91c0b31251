/** One record of a CSV file, or why it could not be read; `line` is where it starts (1-based). */
export type CsvRecord =
  | { readonly line: number; readonly fields: string[] }
  | { readonly line: number; readonly error: string };

const NEWLINE = /\r\n|\r|\n/g;

/**
 * Reads CSV as RFC 4180 writes it: fields separated by commas, records by
 * CRLF or LF, a field in double quotes may hold commas, line breaks and
 * doubled quotes (`""`). A UTF-8 byte order mark is skipped, blank lines are
 * ignored.
 *
 * Hand-written rather than a library because of what happens at a bad
 * record: it is reported with the line it starts on, and reading resumes at
 * the next line, so one stray quote costs one row, not the rest of the file.
 */
export function* readCsv(text: string): Generator<CsvRecord> {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (at < text.length) {
    const start = at;
    const startLine = line;
    const fields: string[] = [];
    let error: string | undefined;
    /** Where reading resumes after an error: the line after the bad one. */
    let resume = { at: 0, line: 0 };
    for (;;) {
      if (text[at] === '"') {
        const quoted = readQuoted(text, at);
        if (quoted === undefined) {
          error = `the quoted field ${fields.length + 1} is never closed`;
          // The open quote took the rest of the file; only its own line is surely this record's.
          resume = { at: afterNewline(text, lineEnd(text, start)), line: startLine + 1 };
          break;
        }
        fields.push(quoted.value);
        line += quoted.value.match(NEWLINE)?.length ?? 0;
        at = quoted.end;
        const next = text[at];
        if (next === ',') {
          at++;
          continue;
        }
        if (next !== undefined && next !== '\r' && next !== '\n') {
          error = `text after the closing quote of field ${fields.length}`;
          resume = { at: afterNewline(text, lineEnd(text, at)), line: line + 1 };
          break;
        }
      } else {
        let end = at;
        while (end < text.length && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') end++;
        const value = text.slice(at, end);
        if (value.includes('"')) {
          error = `a quote inside field ${fields.length + 1}, which is not quoted: quote the whole field and double the quote ("")`;
          resume = { at: afterNewline(text, lineEnd(text, at)), line: line + 1 };
          break;
        }
        fields.push(value);
        at = end;
        if (text[at] === ',') {
          at++;
          continue;
        }
      }
      at = afterNewline(text, at);
      line++;
      break;
    }
    if (error !== undefined) {
      yield { line: startLine, error };
      ({ at, line } = resume);
      continue;
    }
    const blank = fields.length === 1 && fields[0] === '' && text[start] !== '"';
    if (!blank) yield { line: startLine, fields };
  }
}

/** The value of the quoted field opening at `at`, and where it ends; undefined when it is never closed. */
function readQuoted(text: string, at: number): { value: string; end: number } | undefined {
  let value = '';
  let from = at + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return undefined;
    value += text.slice(from, quote);
    if (text[quote + 1] !== '"') return { value, end: quote + 1 };
    value += '"';
    from = quote + 2;
  }
}

/** Where the line holding `at` ends (its CR or LF, or the end of the text). */
function lineEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length && text[end] !== '\r' && text[end] !== '\n') end++;
  return end;
}

/** Past the line break at `at` (CRLF, CR or LF), if there is one. */
function afterNewline(text: string, at: number): number {
  if (text[at] === '\r') return text[at + 1] === '\n' ? at + 2 : at + 1;
  return text[at] === '\n' ? at + 1 : at;
}
