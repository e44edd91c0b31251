import { parseParams } from './header-params.js';
import { findHeaderEnd, parseHeaderLines } from './parse-sip-message.js';
import { SipHeaders } from './sip-headers.js';
import { SipParseError } from './sip-parse-error.js';

/** One body part of a multipart body: its headers and its bytes. */
export interface BodyPart {
  readonly headers: SipHeaders;
  /** The part's Content-Type, lower-cased without parameters ('text/plain' when absent, RFC 2046 §5.1). */
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * Splits a `multipart/*` body (RFC 2046 §5.1) into its parts. The boundary
 * comes from the Content-Type parameter, quoted or not; preamble and
 * epilogue are ignored; a body without a close-delimiter (several SBCs send
 * one) ends its last part at the end of the body. A Content-Type that is not
 * multipart or has no boundary, a body in which the boundary never appears
 * and a part whose header section cannot be read are SipParseErrors.
 */
export function splitMultipart(contentType: string, body: Buffer): BodyPart[] {
  const { value, params } = parseParams(contentType);
  if (!/^multipart\//i.test(value.trim())) throw new SipParseError(`Content-Type "${value}" is not multipart`);
  const boundary = params.get('boundary');
  if (!boundary) throw new SipParseError(`multipart Content-Type "${contentType}" has no boundary parameter`);
  const delimiters = findDelimiters(body, boundary);
  if (delimiters.length === 0) throw new SipParseError(`multipart body has no delimiter "--${boundary}"`);
  const parts: BodyPart[] = [];
  for (let i = 0; i < delimiters.length; i++) {
    const here = delimiters[i]!;
    if (here.close) break;
    const next = delimiters[i + 1];
    parts.push(readPart(body.subarray(here.contentStart, next ? next.lineStart : body.length), parts.length + 1));
  }
  if (parts.length === 0) throw new SipParseError(`multipart body with boundary "${boundary}" has no parts`);
  return parts;
}

interface Delimiter {
  /** Where the line break before the delimiter begins (the break belongs to the delimiter). */
  readonly lineStart: number;
  /** Where the part's content begins, after the delimiter line. */
  readonly contentStart: number;
  readonly close: boolean;
}

function findDelimiters(body: Buffer, boundary: string): Delimiter[] {
  const dash = `--${boundary}`;
  const found: Delimiter[] = [];
  for (let at = body.indexOf(dash); at !== -1; at = body.indexOf(dash, at + 1)) {
    if (at > 0 && body[at - 1] !== 0x0a) continue;
    const after = at + dash.length;
    const close = body[after] === 0x2d && body[after + 1] === 0x2d;
    const lineEnd = body.indexOf('\n', after);
    const rest = body.subarray(after + (close ? 2 : 0), lineEnd === -1 ? body.length : lineEnd).toString('latin1');
    if (rest.trim() !== '') continue;
    const lineStart = at === 0 ? 0 : at - (at > 1 && body[at - 2] === 0x0d ? 2 : 1);
    found.push({ lineStart, contentStart: lineEnd === -1 ? body.length : lineEnd + 1, close });
  }
  return found;
}

function readPart(bytes: Buffer, index: number): BodyPart {
  const startsBare = bytes[0] === 0x0a || (bytes[0] === 0x0d && bytes[1] === 0x0a);
  const end = startsBare ? { headerEnd: 0, bodyStart: bytes[0] === 0x0a ? 1 : 2 } : findHeaderEnd(bytes);
  if (!end) throw new SipParseError(`multipart part ${index} has no blank line after its headers`);
  const headers = new SipHeaders(partHeaderLines(bytes.subarray(0, end.headerEnd).toString('utf8'), index));
  const type = headers.get('Content-Type');
  return { headers, contentType: type ? parseParams(type).value.trim().toLowerCase() : 'text/plain', body: Buffer.from(bytes.subarray(end.bodyStart)) };
}

function partHeaderLines(text: string, index: number) {
  try {
    return parseHeaderLines(text.split(/\r?\n/));
  } catch (error) {
    throw new SipParseError(`multipart part ${index}: ${(error as Error).message}`);
  }
}
