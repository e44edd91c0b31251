import type { ApiResult, ResultBody, ResultValue } from './api-result.js';
import { resultCodeOf } from './result-codes.js';
import { XML_REPLACEMENT } from './xml-chars.js';

// The character rule, for the package's users (the CLI's request writer, tests).
export { codePointLabel, firstIllegalXmlChar, replaceIllegalXmlChars, XML_REPLACEMENT } from './xml-chars.js';

/**
 * Builds the RESULT document for a request, as the real product lays it out
 * (see test/fixtures/wfo-replies): REQUESTTYPE, REQUESTID, RESULTTYPE,
 * RESULTCODE, RESULTMSG, then the function's data; one element per line,
 * indented with tabs, no XML declaration, text escaped.
 *
 * RESULTTYPE carries the result's label for every code (the manual's function
 * examples do this, e.g. API_DEVICE_INVALID with code 8) rather than the
 * generic "ERROR" its Results overview mentions; RESULTCODE tells errors apart.
 * Lines inside a document end with LF only, so a client that reads up to CRLF
 * gets one whole reply; the transport appends the CRLF.
 *
 * The document is always well-formed, whatever the values hold: a character
 * XML 1.0 forbids (a control character, U+FFFE, a lone surrogate — from an
 * echoed REQUESTTYPE, a plugin or an old database row) is written as U+FFFD
 * (see escapeText).
 */
export function buildResult(requestType: string, requestId: string | undefined, result: ApiResult): string {
  const root: ResultBody = {
    REQUESTTYPE: requestType,
    REQUESTID: requestId ?? '',
    RESULTTYPE: result.type,
    RESULTCODE: resultCodeOf(result.type),
    RESULTMSG: result.message ?? result.type,
  };
  if (result.body) Object.assign(root, result.body);
  return buildDocument('RESULT', root);
}

/**
 * Builds any document (events use it for CALLCOPYEVENT), without a trailing
 * newline. Written by hand rather than with a general XML builder: the layout
 * is the product's own, the tags are ours, and replies are on the hot path of
 * every request and event.
 */
export function buildDocument(rootTag: string, body: ResultBody): string {
  const root = tagName(rootTag);
  return `<${root}>\n${children(body, '\t')}</${root}>`;
}

function children(body: ResultBody, indent: string): string {
  let out = '';
  for (const tag in body) {
    const value = body[tag]!;
    const name = tagName(tag);
    if (Array.isArray(value)) for (const item of value) out += element(name, item, indent);
    else out += element(name, value as Exclude<ResultValue, readonly unknown[]>, indent);
  }
  return out;
}

/** One element; `name` has been through tagName. */
function element(name: string, value: string | number | ResultBody, indent: string): string {
  if (typeof value === 'object') return `${indent}<${name}>\n${children(value, `${indent}\t`)}${indent}</${name}>\n`;
  return `${indent}<${name}>${escapeText(String(value))}</${name}>\n`;
}

/** An ASCII XML name, as every tag Callwire writes is. */
const PLAIN_TAG = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Tags already found plain: a set lookup is cheaper than the test, and the set of tags in use is small. */
const plainTags = new Set<string>();
const MAX_REMEMBERED_TAGS = 10_000;

/**
 * A tag as written: every tag Callwire itself uses passes unchanged; a body
 * key that is no XML name (a plugin's, say) has each other character written
 * as `_` (and `_` put first when it starts with no letter), so it cannot
 * break the document either.
 */
function tagName(tag: string): string {
  if (plainTags.has(tag)) return tag;
  if (PLAIN_TAG.test(tag)) {
    if (plainTags.size < MAX_REMEMBERED_TAGS) plainTags.add(tag);
    return tag;
  }
  const name = tag.replace(/[^A-Za-z0-9_.-]/gu, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

/**
 * One test decides whether text needs any work: the five markup characters,
 * the C0 controls XML 1.0 forbids, U+FFFE, U+FFFF, or any surrogate (a pair
 * is legal, and TEXT_WORK, by code point, leaves it alone). Text that needs
 * none — nearly all of it — costs only this test.
 */
const NEEDS_WORK = /[&<>"'\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** A markup character, or any character outside XML 1.0's Char production (see xml-chars.ts). */
const TEXT_WORK = /[&<>"']|[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for an element's content. A character XML 1.0 cannot carry at
 * all (not even as `&#…;`) is replaced by U+FFFD, the Unicode replacement
 * character (XML_REPLACEMENT), so the output is always well-formed; requests
 * holding one are refused before they get this far (API_PARAMETERS_INVALID),
 * so only data from elsewhere (a plugin, a database row written before that
 * check) is ever replaced.
 */
export function escapeText(text: string): string {
  return NEEDS_WORK.test(text) ? text.replace(TEXT_WORK, (c) => ENTITIES[c] ?? XML_REPLACEMENT) : text;
}
