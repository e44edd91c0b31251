import { headerKey } from './header-names.js';
import type { SipMessage } from './sip-message.js';

/**
 * The wire form of a message: start line, headers in order with their names
 * as stored, a Content-Length that matches the body (replacing any other),
 * a blank line, the body.
 */
export function serializeSipMessage(message: SipMessage): Buffer {
  const startLine = message.kind === 'request' ? `${message.method} ${message.uri} ${message.version}` : `${message.version} ${message.status} ${message.reason}`;
  const lines = [startLine];
  let lengthWritten = false;
  for (const { name, value } of message.headers.entries()) {
    if (headerKey(name) === 'content-length') {
      if (!lengthWritten) lines.push(`${name}: ${message.body.length}`);
      lengthWritten = true;
    } else lines.push(`${name}: ${value}`);
  }
  if (!lengthWritten) lines.push(`Content-Length: ${message.body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), message.body]);
}
