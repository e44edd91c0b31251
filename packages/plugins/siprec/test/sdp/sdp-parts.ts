import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIPREC_FIXTURES } from '../fixtures/siprec-fixtures.js';

/**
 * Test-only: the application/sdp bodies of a fixture SIP message, found by
 * a plain split of headers, body and multipart parts. The real SIP parser
 * is src/sip's; this only feeds the SDP tests their inputs.
 */
export function sdpPartsOf(message: Buffer): string[] {
  const text = message.toString('latin1');
  const { headers, body } = splitHead(text);
  const type = headerValue(headers, 'content-type', 'c');
  if (!type) return [];
  if (/^application\/sdp/i.test(type)) return [body];
  const boundary = /boundary\s*=\s*"?([^";\s]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((part) => !part.startsWith('--'))
    .map((part) => splitHead(part.replace(/^\r?\n/, '')))
    .filter((part) => /^application\/sdp/i.test(headerValue(part.headers, 'content-type', 'c') ?? ''))
    .map((part) => part.body);
}

function splitHead(text: string): { headers: string[]; body: string } {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { headers: text.split('\r\n'), body: '' };
  return { headers: text.slice(0, end).split('\r\n'), body: text.slice(end + 4) };
}

function headerValue(headers: readonly string[], name: string, compact: string): string | undefined {
  for (const line of headers) {
    const colon = line.indexOf(':');
    const field = line.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && (field === name || field === compact)) return line.slice(colon + 1).trim();
  }
  return undefined;
}

/** The first SDP of fixture message `name` (a top-level .sip file), or of an sdp/ file. */
export function fixtureSdp(name: string): string {
  if (name.endsWith('.sdp')) return readFileSync(join(SIPREC_FIXTURES, 'sdp', name), 'latin1');
  const sdp = sdpPartsOf(readFileSync(join(SIPREC_FIXTURES, name)))[0];
  if (sdp === undefined) throw new Error(`fixture ${name} carries no application/sdp`);
  return sdp;
}
