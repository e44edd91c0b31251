import { StringDecoder } from 'node:string_decoder';

/** What ends a line: `CRLF`, `CR`, `LF`, or `any` of them (a CRLF counts once). */
export type LineEnding = 'CRLF' | 'CR' | 'LF' | 'any';

/** Options of a {@link LineSplitter}. */
export interface LineSplitterOptions {
  /** Default `any`. */
  readonly lineEnding?: LineEnding;
  /** Text encoding of the stream: `utf8` (default) or `latin1` (every byte is one character). */
  readonly encoding?: 'utf8' | 'latin1';
  /** The longest line, in characters; see {@link SplitLine.cut} for what becomes of a longer one. */
  readonly maxLineLength: number;
}

/** One line out of the stream. */
export interface SplitLine {
  /** The line without its ending, form feeds and NULs removed. */
  readonly text: string;
  /**
   * True for a piece of a line longer than `maxLineLength`: such a line is
   * handed on in pieces of at most that length, every piece (the last,
   * shorter one too) marked, so memory stays bounded when a line ending
   * never comes and no piece is mistaken for a whole line. Reject them
   * (with their text) or drop them; never read them as a record.
   */
  readonly cut: boolean;
}

const SEPARATORS: Record<LineEnding, RegExp> = {
  CRLF: /\r\n/,
  CR: /\r/,
  LF: /\n/,
  any: /\r\n|\r|\n/,
};

/**
 * Cuts a byte stream into lines, whatever the reads look like: a line split
 * over several reads, several lines in one read, a CRLF or a multi-byte
 * character split between two reads. Blank lines are dropped; form feeds
 * and NULs (printer page breaks, line padding) are removed. Make one per
 * connection, so a line cut off by a dropped connection (handed on by
 * `end()`) is never glued to the next connection's data.
 */
export class LineSplitter {
  private readonly decoder: StringDecoder;
  private readonly separator: RegExp;
  private buffer = '';
  /** The line in the buffer already had pieces cut off it. */
  private cutting = false;

  constructor(private readonly options: LineSplitterOptions) {
    if (!(options.maxLineLength >= 1)) throw new RangeError(`maxLineLength must be at least 1, not ${options.maxLineLength}`);
    this.decoder = new StringDecoder(options.encoding ?? 'utf8');
    this.separator = SEPARATORS[options.lineEnding ?? 'any'];
  }

  /** The lines that `chunk` completes, in order. */
  push(chunk: Buffer | string): SplitLine[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const lines: SplitLine[] = [];
    for (let match = this.separator.exec(this.buffer); match; match = this.separator.exec(this.buffer)) {
      // With `any`, a CRLF split between two reads ends the line at the CR; the LF then ends a blank line, which is dropped.
      this.take(lines, this.buffer.slice(0, match.index), true);
      this.buffer = this.buffer.slice(match.index + match[0].length);
    }
    const max = this.options.maxLineLength;
    while (this.buffer.length > max) {
      this.cutting = true;
      this.take(lines, this.buffer.slice(0, max), false);
      this.buffer = this.buffer.slice(max);
    }
    return lines;
  }

  /** What is left when the stream ends: a last line without its ending, if any. */
  end(): SplitLine[] {
    const lines: SplitLine[] = [];
    this.take(lines, this.buffer + this.decoder.end(), true);
    this.buffer = '';
    return lines;
  }

  /** Hands on `text`; `ends` when it is the end of a line (not a piece cut off a long one). */
  private take(lines: SplitLine[], text: string, ends: boolean): void {
    const line = text.replace(/[\f\0]/g, '');
    const cut = this.cutting || text.length > this.options.maxLineLength;
    if (ends) this.cutting = false;
    if (!cut) {
      if (line.trim() !== '') lines.push({ text: line, cut });
      return;
    }
    for (let at = 0; at < line.length; at += this.options.maxLineLength) {
      lines.push({ text: line.slice(at, at + this.options.maxLineLength), cut: true });
    }
  }
}
