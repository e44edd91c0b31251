import { splitOutsideQuotes } from './split-list.js';

/** A header value split into its main part and its `;name=value` parameters (names lower-cased, quotes removed). */
export interface ParameterisedValue {
  readonly value: string;
  readonly params: ReadonlyMap<string, string>;
}

/** Reads `value;name=value;flag` (RFC 3261 §7.3.1 generic-param); a flag parameter has the value ''. */
export function parseParams(header: string): ParameterisedValue {
  const [value = '', ...rest] = splitOutsideQuotes(header, ';');
  const params = new Map<string, string>();
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    const name = (eq === -1 ? piece : piece.slice(0, eq)).trim().toLowerCase();
    params.set(name, eq === -1 ? '' : unquote(piece.slice(eq + 1).trim()));
  }
  return { value, params };
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replace(/\\(.)/g, '$1') : text;
}
