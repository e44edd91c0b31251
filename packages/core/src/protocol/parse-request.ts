import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ApiRequest } from './api-request.js';

/** Why a document could not become a request; answered with API_INVALID_MESSAGE_FORMAT. */
export interface ParseFailure {
  readonly error: string;
  /** REQUESTID if it could still be read, so the error reply can echo it. */
  readonly requestId?: string;
}

/**
 * Entities are decoded here (decodeText) rather than by the parser: its
 * entity support rebuilds large tables on every parse, which made it the
 * most expensive step of every request.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the XML entities and character references of element text. */
function decodeText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = dec ? Number(dec) : Number.parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** An `&` that does not start an entity or character reference. */
const BARE_AMPERSAND = /&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)/g;

/**
 * Parses one complete request document.
 *
 * The root is normally `REQUEST` with the function in `TYPE` (or `REQUESTTYPE`).
 * The manual also says "the root XML tag for the message should be the message
 * type", so a root other than REQUEST names the function when no TYPE is sent.
 * A bare `&` in text (the manual's `Sales & Marketing`) is taken as text.
 */
export function parseRequest(xml: string): ApiRequest | ParseFailure {
  const text = xml.includes('&') ? xml.replace(BARE_AMPERSAND, '&amp;') : xml;
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return { error: `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`, requestId: sniffRequestId(text) };
  }
  let document: Record<string, unknown>;
  try {
    document = parser.parse(text) as Record<string, unknown>;
  } catch (err) {
    return { error: `malformed XML: ${(err as Error).message}`, requestId: sniffRequestId(text) };
  }
  const roots = Object.keys(document);
  if (roots.length !== 1) return { error: 'a request must have exactly one root element' };
  const root = roots[0]!;
  const body = document[root];
  const fields: [string, string][] = [];
  if (body !== null && typeof body === 'object') collectFields(body as Record<string, unknown>, fields);
  else if (typeof body === 'string' && body !== '') return { error: `<${root}> must contain parameter elements, not text` };
  if (root.trim().toUpperCase() !== 'REQUEST' && !fields.some(([n]) => isTypeTag(n))) fields.unshift(['TYPE', root]);
  return ApiRequest.fromFields(fields);
}

function isTypeTag(name: string): boolean {
  const upper = name.trim().toUpperCase();
  return upper === 'TYPE' || upper === 'REQUESTTYPE';
}

function collectFields(body: Record<string, unknown>, out: [string, string][]): void {
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) out.push([name, textOf(item)]);
  }
}

/** Text of a parameter element; an element with child elements has no text value. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return decodeText(value);
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    const text = (value as Record<string, unknown>)['#text'];
    return typeof text === 'string' ? decodeText(text) : '';
  }
  return String(value);
}

/** Best-effort REQUESTID of a broken document, for the error reply. */
function sniffRequestId(text: string): string | undefined {
  return /<\s*REQUESTID\s*>\s*([^<]{0,20}?)\s*<\s*\/\s*REQUESTID\s*>/i.exec(text)?.[1];
}

/** True when parseRequest failed. */
export function isParseFailure(value: ApiRequest | ParseFailure): value is ParseFailure {
  return !(value instanceof ApiRequest);
}
