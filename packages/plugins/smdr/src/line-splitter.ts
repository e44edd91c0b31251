import { StringDecoder } from 'node:string_decoder';

/** What ends a record: `CRLF`, `CR`, `LF`, or `any` of them (a CRLF counts once). */
export type LineEnding = 'CRLF' | 'CR' | 'LF' | 'any';

/** Options of a {@link LineSplitter}. */
export interface LineSplitterOptions {
  readonly lineEnding: LineEnding;
  /** Text encoding of the stream: `latin1` (every byte is one character) or `utf8`. */
  readonly encoding: 'latin1' | 'utf8';
  /** A line longer than this is cut off and handed on as it is, so one missing terminator never holds the stream. */
  readonly maxLineLength: number;
}

const SEPARATORS: Record<LineEnding, RegExp> = {
  CRLF: /\r\n/,
  CR: /\r/,
  LF: /\n/,
  any: /\r\n|\r|\n/,
};

/**
 * Cuts a byte stream into lines, whatever the reads look like: a record split
 * over several reads, several records in one read, a CRLF split between two
 * reads. Empty lines are dropped; form feeds and NULs (printer page breaks,
 * line padding) are removed. One splitter per connection, so a line cut off
 * by a dropped connection is never glued to the next connection's data.
 */
export class LineSplitter {
  private readonly decoder: StringDecoder;
  private buffer = '';

  constructor(private readonly options: LineSplitterOptions) {
    this.decoder = new StringDecoder(options.encoding);
  }

  /** The complete lines that `chunk` finishes. */
  push(chunk: Buffer | string): string[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const lines: string[] = [];
    const separator = SEPARATORS[this.options.lineEnding];
    for (;;) {
      const match = separator.exec(this.buffer);
      // With `any`, a CRLF split between two reads ends the line at the CR; the LF then ends an empty line, which is dropped.
      if (!match) break;
      this.take(lines, this.buffer.slice(0, match.index));
      this.buffer = this.buffer.slice(match.index + match[0].length);
    }
    while (this.buffer.length > this.options.maxLineLength) {
      this.take(lines, this.buffer.slice(0, this.options.maxLineLength));
      this.buffer = this.buffer.slice(this.options.maxLineLength);
    }
    return lines;
  }

  /** What is left when the stream ends: a last line without its terminator, if any. */
  end(): string[] {
    const lines: string[] = [];
    this.take(lines, this.buffer + this.decoder.end());
    this.buffer = '';
    return lines;
  }

  private take(lines: string[], text: string): void {
    const line = text.replace(/[\f\0]/g, '');
    if (line.trim() !== '') lines.push(line);
  }
}
