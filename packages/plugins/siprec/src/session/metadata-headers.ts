import type { MetadataHeaders } from '../metadata/index.js';
import type { SipHeaders } from '../sip/index.js';

/** A request's headers as the metadata reader takes them: lower-case name → values in order. */
export function metadataHeaders(headers: SipHeaders): MetadataHeaders {
  const map = new Map<string, string[]>();
  for (const { name, value } of headers.entries()) {
    const key = name.toLowerCase();
    map.set(key, [...(map.get(key) ?? []), value]);
  }
  return map;
}
