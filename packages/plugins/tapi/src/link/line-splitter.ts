import { StringDecoder } from 'node:string_decoder';

/**
 * Cuts a TCP byte stream into lines (LF or CRLF). A message may arrive in
 * pieces or several in one packet; a multi-byte character split across
 * packets is decoded whole. Blank lines are dropped.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  /** Inside an over-long line: skip to its end. */
  private discarding = false;

  /** @param maxLineBytes a longer line is dropped whole and counted, so a peer that never sends LF cannot exhaust memory */
  constructor(private readonly maxLineBytes: number) {}

  /** The complete lines in `chunk` (after what was pending), and how many over-long lines were dropped. */
  push(chunk: Buffer): { lines: string[]; dropped: number } {
    const parts = (this.pending + this.decoder.write(chunk)).split('\n');
    this.pending = parts.pop() ?? '';
    const lines: string[] = [];
    let dropped = 0;
    for (const part of parts) {
      if (this.discarding) {
        this.discarding = false;
        continue;
      }
      const line = part.trim();
      if (line === '') continue;
      if (Buffer.byteLength(line) > this.maxLineBytes) dropped++;
      else lines.push(line);
    }
    if (!this.discarding && this.pending.length > this.maxLineBytes) {
      this.pending = '';
      this.discarding = true;
      dropped++;
    } else if (this.discarding) {
      this.pending = '';
    }
    return { lines, dropped };
  }
}
