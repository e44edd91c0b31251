import { findHeaderEnd, parseHeaderLines } from './parse-sip-message.js';
import { SipHeaders } from './sip-headers.js';
import { SipParseError } from './sip-parse-error.js';

const START_LINE = /^(SIP\/\d+\.\d+\s+\d{3}|[A-Za-z][A-Za-z0-9\-.!%*_+`'~]*\s+\S+\s+SIP\/\d+\.\d+\s*$)/i;

/** The largest message a stream may carry, by default (headers and body). */
export const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * Cuts a TCP byte stream into SIP messages (RFC 3261 §18.3): messages come
 * back to back, each header section ends at a blank line and its
 * Content-Length (mandatory on streams) says where the body ends; CRLFs
 * between messages (keep-alives, RFC 5626 §4.4.1) are skipped. A missing or
 * bad Content-Length, or a message over the size limit, is a SipParseError:
 * the stream cannot be re-synchronised after it.
 */
export class StreamFramer {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES) {}

  /** Adds received bytes; returns the whole messages they complete, in order. */
  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const messages: Buffer[] = [];
    for (let message = this.next(); message; message = this.next()) messages.push(message);
    return messages;
  }

  /** Bytes held for a message not yet complete. */
  get pending(): number {
    return this.buffered.length;
  }

  private next(): Buffer | undefined {
    this.skipKeepAlives();
    if (this.buffered.length === 0) return undefined;
    this.checkStartLine();
    const end = findHeaderEnd(this.buffered);
    if (!end) {
      if (this.buffered.length > this.maxMessageBytes) throw new SipParseError(`SIP header section over ${this.maxMessageBytes} bytes`);
      return undefined;
    }
    const length = this.contentLength(this.buffered.subarray(0, end.headerEnd));
    const total = end.bodyStart + length;
    if (total > this.maxMessageBytes) throw new SipParseError(`SIP message of ${total} bytes over the ${this.maxMessageBytes}-byte limit`);
    if (this.buffered.length < total) return undefined;
    const message = Buffer.from(this.buffered.subarray(0, total));
    this.buffered = this.buffered.subarray(total);
    return message;
  }

  /** Garbage is refused as soon as its first line is in, not when the size limit is reached. */
  private checkStartLine(): void {
    const eol = this.buffered.indexOf('\n');
    const line = this.buffered.subarray(0, eol === -1 ? Math.min(this.buffered.length, 200) : eol).toString('latin1');
    if (eol === -1 && line.length < 200) return;
    if (!START_LINE.test(line)) throw new SipParseError(`not a SIP start line: "${line.replace(/[^\x20-\x7e]/g, '?').slice(0, 60)}"`);
  }

  private skipKeepAlives(): void {
    let start = 0;
    while (start < this.buffered.length && (this.buffered[start] === 0x0d || this.buffered[start] === 0x0a)) start++;
    if (start > 0) this.buffered = this.buffered.subarray(start);
  }

  private contentLength(head: Buffer): number {
    const lines = head.toString('utf8').split(/\r?\n/).slice(1);
    const headers = new SipHeaders(parseHeaderLines(lines));
    const value = headers.get('Content-Length');
    if (value === undefined) throw new SipParseError('SIP message on a stream without Content-Length', headers);
    if (!/^\d+$/.test(value)) throw new SipParseError(`bad Content-Length "${value.slice(0, 40)}"`, headers);
    return Number(value);
  }
}
