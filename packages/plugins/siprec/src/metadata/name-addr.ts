/**
 * Just enough of RFC 3261 name-addr / addr-spec (From, To, P-Asserted-Identity,
 * X-Cisco-Recording-Participant) to name a participant: display name, the URI
 * without its parameters, the URI parameters (Cisco puts x-nearend, x-refci ...
 * there) and the header parameters after the closing '>'. Not a SIP parser.
 */
export interface NameAddr {
  displayName?: string;
  /** The URI without URI parameters (scheme:user@host[:port]). */
  aor: string;
  /** URI parameters, lower-case names; a flag parameter has the value ''. */
  uriParams: ReadonlyMap<string, string>;
  /** Header parameters (after '>' or, for an addr-spec, after the first ';'). */
  headerParams: ReadonlyMap<string, string>;
}

const NAME_ADDR = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<"]*?))\s*<([^>]*)>(.*)$/s;

export function parseNameAddr(value: string): NameAddr {
  const match = NAME_ADDR.exec(value);
  const [uri, rest] = match ? [match[3]!, match[4]!] : splitAt(value.trim(), ';');
  const [aor, uriParams] = match ? splitAt(uri.trim(), ';') : [uri, ''];
  const displayName = match ? (match[1]?.replace(/\\(.)/g, '$1') ?? match[2])?.trim() : undefined;
  return { displayName: displayName || undefined, aor, uriParams: params(uriParams), headerParams: params(rest) };
}

function splitAt(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

function params(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const part of text.split(';')) {
    const [name, value] = splitAt(part.trim(), '=');
    if (name) result.set(name.trim().toLowerCase(), value.trim().replace(/^"(.*)"$/, '$1'));
  }
  return result;
}
