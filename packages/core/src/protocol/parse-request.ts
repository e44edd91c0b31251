import { ApiRequest } from './api-request.js';
import { lineAndColumn, readRequestDocument } from './read-request-document.js';

/** Why a document could not become a request; answered with API_INVALID_MESSAGE_FORMAT. */
export interface ParseFailure {
  readonly error: string;
  /** REQUESTID if it could still be read, so the error reply can echo it. */
  readonly requestId?: string;
}

/**
 * Parses one complete request document.
 *
 * The root is normally `REQUEST` with the function in `TYPE` (or `REQUESTTYPE`).
 * The manual also says "the root XML tag for the message should be the message
 * type", so a root other than REQUEST names the function when no TYPE is sent.
 * A bare `&` in text (the manual's `Sales & Marketing`) is taken as text.
 */
export function parseRequest(xml: string): ApiRequest | ParseFailure {
  const document = readRequestDocument(xml);
  if ('error' in document) {
    const { line, column } = lineAndColumn(xml, document.at);
    return { error: `malformed XML at line ${line}, column ${column}: ${document.error}`, requestId: sniffRequestId(xml) };
  }
  const { root, rootText, fields } = document;
  if (rootText !== '') return { error: `<${root}> must contain parameter elements, not text` };
  if (root.trim().toUpperCase() !== 'REQUEST' && !fields.some(([n]) => isTypeTag(n))) fields.unshift(['TYPE', root]);
  return ApiRequest.fromFields(fields);
}

function isTypeTag(name: string): boolean {
  const upper = name.trim().toUpperCase();
  return upper === 'TYPE' || upper === 'REQUESTTYPE';
}

/** Best-effort REQUESTID of a broken document, for the error reply. */
function sniffRequestId(text: string): string | undefined {
  return /<\s*REQUESTID\s*>\s*([^<]{0,20}?)\s*<\s*\/\s*REQUESTID\s*>/i.exec(text)?.[1];
}

/** True when parseRequest failed. */
export function isParseFailure(value: ApiRequest | ParseFailure): value is ParseFailure {
  return !(value instanceof ApiRequest);
}
