import { escapeText } from '@callwire/core';
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
    else body += `<${name}>${escapeText(value)}</${name}>`;
  }
  return `<REQUEST><TYPE>${escapeText(type)}</TYPE><REQUESTID>${escapeText(id)}</REQUESTID>${body}</REQUEST>\r\n`;
}
