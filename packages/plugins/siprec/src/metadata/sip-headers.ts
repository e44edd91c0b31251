/**
 * The SIP headers the metadata reader looks at: lower-case header name to the
 * values in message order (one entry per header line or comma-split value, as
 * the SIP parser gives them). Compact forms (RFC 3261 sec. 7.3.3) are looked up too.
 */
export type SipHeaders = ReadonlyMap<string, readonly string[]>;

const COMPACT: Readonly<Record<string, string>> = { from: 'f', to: 't', 'call-id': 'i', contact: 'm', 'content-type': 'c' };

/** Every value of a header (full or compact name), trimmed, empty ones left out. */
export function headerValues(headers: SipHeaders, name: string): string[] {
  const compact = COMPACT[name];
  const values = [...(headers.get(name) ?? []), ...(compact ? headers.get(compact) ?? [] : [])];
  return values.map((v) => v.trim()).filter((v) => v !== '');
}

/** The first non-empty value of a header. */
export const headerValue = (headers: SipHeaders, name: string): string | undefined => headerValues(headers, name)[0];
