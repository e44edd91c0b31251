import { SipHeaders, type SipHeaderField } from './sip-headers.js';
import type { SipMessage } from './sip-message.js';
import { SipParseError } from './sip-parse-error.js';

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const VERSION = /^SIP\/\d+\.\d+$/i;
const REQUIRED = ['Via', 'From', 'To', 'Call-ID', 'CSeq'] as const;

/** Where the header section of `bytes` ends: the index of its blank line and the index of the body. */
export function findHeaderEnd(bytes: Buffer, from = 0): { headerEnd: number; bodyStart: number } | undefined {
  const crlf = bytes.indexOf('\r\n\r\n', from);
  const lf = bytes.indexOf('\n\n', from);
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { headerEnd: crlf, bodyStart: crlf + 4 };
  if (lf !== -1) return { headerEnd: lf, bodyStart: lf + 2 };
  return undefined;
}

/**
 * Reads one SIP message (RFC 3261 §7) from a datagram or a framed stream
 * chunk. Tolerant where the field is: leading blank lines skipped, LF-only
 * line ends, folded header lines, compact names, a missing Content-Length
 * (the rest of the datagram is the body) and trailing bytes past the body
 * (ignored). Throws SipParseError saying what was wrong otherwise.
 */
export function parseSipMessage(bytes: Buffer): SipMessage {
  let start = 0;
  while (start < bytes.length && (bytes[start] === 0x0d || bytes[start] === 0x0a)) start++;
  if (start === bytes.length) throw new SipParseError('empty SIP message');
  const end = findHeaderEnd(bytes, start);
  const headText = bytes.subarray(start, end ? end.headerEnd : bytes.length).toString('utf8');
  const [startLine = '', ...lines] = headText.split(/\r?\n/);
  const headers = new SipHeaders(parseHeaderLines(lines));
  let first: StartLine;
  try {
    first = parseStartLine(startLine);
  } catch (error) {
    // The headers are kept, so that a 400 can still be sent back to where the Via says.
    if (error instanceof SipParseError && !error.headers) throw new SipParseError(error.message, headers);
    throw error;
  }
  const body = readBody(bytes, end?.bodyStart ?? bytes.length, headers);
  if (first.kind === 'request') {
    const missing = REQUIRED.filter((name) => !headers.has(name));
    if (missing.length > 0) throw new SipParseError(`${first.method} request without ${missing.join(', ')}`, headers);
    checkCSeq(headers);
    return { ...first, headers, body };
  }
  return { ...first, headers, body };
}

type StartLine = { kind: 'request'; method: string; uri: string; version: string } | { kind: 'response'; status: number; reason: string; version: string };

function parseStartLine(line: string): StartLine {
  const text = line.trim();
  if (/^SIP\//i.test(text)) {
    const m = /^(SIP\/\d+\.\d+)\s+(\d{3})(?:\s+(.*))?$/i.exec(text);
    if (!m) throw new SipParseError(`bad status line "${clip(text)}"`);
    return { kind: 'response', version: m[1]!.toUpperCase(), status: Number(m[2]), reason: m[3] ?? '' };
  }
  const parts = text.split(/\s+/);
  if (parts.length !== 3) throw new SipParseError(`bad request line "${clip(text)}": expected METHOD Request-URI SIP/2.0`);
  const [method, uri, version] = parts as [string, string, string];
  if (!TOKEN.test(method)) throw new SipParseError(`bad method "${clip(method)}" in request line`);
  if (!VERSION.test(version)) throw new SipParseError(`bad SIP version "${clip(version)}" in request line`);
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) throw new SipParseError(`bad Request-URI "${clip(uri)}"`);
  return { kind: 'request', method: method.toUpperCase(), uri, version: version.toUpperCase() };
}

/** Header lines to fields: a line starting with space or tab continues the previous one (RFC 3261 §7.3.1). */
export function parseHeaderLines(lines: string[]): SipHeaderField[] {
  const fields: { name: string; value: string }[] = [];
  for (const line of lines) {
    if (line === '') continue;
    if (line[0] === ' ' || line[0] === '\t') {
      const last = fields[fields.length - 1];
      if (!last) throw new SipParseError('header section starts with a continuation line');
      last.value = `${last.value} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon === -1 ? '' : line.slice(0, colon).trim();
    if (!TOKEN.test(name)) throw new SipParseError(`bad header line "${clip(line)}": expected Name: value`, new SipHeaders(fields));
    fields.push({ name, value: line.slice(colon + 1).trim() });
  }
  return fields;
}

function readBody(bytes: Buffer, bodyStart: number, headers: SipHeaders): Buffer {
  const available = bytes.length - bodyStart;
  const declared = headers.get('Content-Length');
  if (declared === undefined) return Buffer.from(bytes.subarray(bodyStart));
  if (!/^\d+$/.test(declared)) throw new SipParseError(`bad Content-Length "${clip(declared)}"`, headers);
  const length = Number(declared);
  if (length > available) throw new SipParseError(`Content-Length ${length} but only ${available} body bytes`, headers);
  return Buffer.from(bytes.subarray(bodyStart, bodyStart + length));
}

function checkCSeq(headers: SipHeaders): void {
  const cseq = headers.get('CSeq') ?? '';
  if (!/^\d{1,10}\s+[A-Za-z0-9\-.!%*_+`'~]+$/.test(cseq)) throw new SipParseError(`bad CSeq "${clip(cseq)}": expected number and method`, headers);
}

function clip(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}
