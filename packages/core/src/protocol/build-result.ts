import type { ApiResult, ResultBody, ResultValue } from './api-result.js';
import { resultCodeOf } from './result-codes.js';

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
  return `<${rootTag}>\n${children(body, '\t')}</${rootTag}>`;
}

function children(body: ResultBody, indent: string): string {
  let out = '';
  for (const tag in body) {
    const value = body[tag]!;
    if (Array.isArray(value)) for (const item of value) out += element(tag, item, indent);
    else out += element(tag, value as Exclude<ResultValue, readonly unknown[]>, indent);
  }
  return out;
}

function element(tag: string, value: string | number | ResultBody, indent: string): string {
  if (typeof value === 'object') return `${indent}<${tag}>\n${children(value, `${indent}\t`)}${indent}</${tag}>\n`;
  return `${indent}<${tag}>${escapeText(String(value))}</${tag}>\n`;
}

const SPECIAL = /[&<>"']/;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for an element's content. */
export function escapeText(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c]!) : text;
}
