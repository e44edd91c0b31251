/**
 * Test-only splitting of the fixture files into what readRecordingSession()
 * takes: headers until the first blank line, multipart parts by the boundary,
 * the metadata part (or whole metadata body) and the SDP's m-line labels.
 * Deliberately tiny and tolerant (no close-delimiter, "Content-Type:x" without a
 * space); the real SIP parser lives in src/sip.
 */
import type { MediaLine, MetadataHeaders as SipHeaders, RecordingSessionInput } from '../../src/metadata/index.js';

interface Part {
  headers: SipHeaders;
  body: string;
}

/** A whole SIP message (start line, headers, blank line, body). */
export function splitMessage(bytes: Buffer): RecordingSessionInput {
  const text = bytes.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const headers = headerMap(head.split('\r\n').slice(1));
  return { headers, ...splitBody(end < 0 ? '' : text.slice(end + 4), headers.get('content-type')?.[0] ?? '') };
}

/** A message body alone (the drachtio bodies/ files: a blank line, then --boundary). */
export function splitBody(body: string, contentType: string): Omit<RecordingSessionInput, 'headers'> {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1] ?? /^--(\S+)\r?$/m.exec(body)?.[1];
  const parts: Part[] = boundary ? multipartParts(body, boundary) : [{ headers: new Map([['content-type', [contentType]]]), body }];
  const metadata = parts.find((p) => /rs-metadata|\+xml/i.test(p.headers.get('content-type')?.[0] ?? ''));
  const sdp = parts.find((p) => /application\/sdp/i.test(p.headers.get('content-type')?.[0] ?? '') || /^\s*v=0/.test(p.body));
  return { metadata: metadata?.body, mediaLines: sdp ? mediaLines(sdp.body) : undefined };
}

function multipartParts(body: string, boundary: string): Part[] {
  const sections = body.split(new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?$`, 'm')).slice(1);
  return sections
    .map((section) => section.replace(/^\r?\n/, ''))
    .filter((section) => section.trim() !== '')
    .map((section) => {
      const end = section.search(/\r?\n\r?\n/);
      const head = end < 0 ? section : section.slice(0, end);
      return { headers: headerMap(head.split(/\r?\n/)), body: end < 0 ? '' : section.slice(end).replace(/^\r?\n\r?\n/, '') };
    });
}

function headerMap(lines: string[]): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return headers;
}

/** The m-lines of an SDP, each with its a=label. */
export function mediaLines(sdp: string): MediaLine[] {
  const lines: MediaLine[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) lines.push({});
    const label = /^a=label:(.*)$/.exec(line)?.[1]?.trim();
    if (label !== undefined && lines.length > 0) lines[lines.length - 1]!.label = label;
  }
  return lines;
}
