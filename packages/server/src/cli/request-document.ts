import { escapeText, firstIllegalXmlChar } from '@callwire/core';
import { UsageError } from './cli-errors.js';

/** An XML element name the server can read back as a parameter. */
const TAG_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * One REQUEST document as the API reads it: TYPE, REQUESTID, then the
 * parameters in the order given, values escaped (`&`, `<` …), ended by CRLF.
 * A REQUESTID among the parameters replaces the generated one.
 */
export function requestDocument(type: string, requestId: number, parameters: readonly (readonly [string, string])[]): string {
  let id = String(requestId);
  let body = '';
  for (const [name, value] of parameters) {
    if (!TAG_NAME.test(name)) throw new UsageError(`'${name}' cannot be a parameter name: use letters, digits and _ (such as DEVICEID)`);
    if (name.toUpperCase() === 'REQUESTID') id = value;
    else body += `<${name}>${requestText(value)}</${name}>`;
  }
  return `<REQUEST><TYPE>${requestText(type)}</TYPE><REQUESTID>${requestText(id)}</REQUESTID>${body}</REQUEST>\r\n`;
}

/** A character XML 1.0 forbids (see @callwire/core's xml-chars.ts). */
const ILLEGAL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * A value escaped for a request. escapeText alone would write a character
 * XML 1.0 forbids as U+FFFD, quietly changing what the user gave; such a
 * character is sent as a character reference (`&#x1;`) instead, so the
 * server sees it and refuses that one request (API_PARAMETERS_INVALID,
 * naming the field), as it refuses any client's.
 */
function requestText(value: string): string {
  if (firstIllegalXmlChar(value) === undefined) return escapeText(value);
  let out = '';
  let from = 0;
  for (const match of value.matchAll(ILLEGAL)) {
    out += `${escapeText(value.slice(from, match.index))}&#x${match[0].codePointAt(0)!.toString(16).toUpperCase()};`;
    from = match.index! + match[0].length;
  }
  return out + escapeText(value.slice(from));
}
