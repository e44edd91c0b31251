/** RFC 3261 §7.3.3 and later RFCs: the one-letter compact forms of header names. */
const COMPACT_FORMS: Readonly<Record<string, string>> = {
  a: 'Accept-Contact',
  b: 'Referred-By',
  c: 'Content-Type',
  d: 'Request-Disposition',
  e: 'Content-Encoding',
  f: 'From',
  i: 'Call-ID',
  j: 'Reject-Contact',
  k: 'Supported',
  l: 'Content-Length',
  m: 'Contact',
  o: 'Event',
  r: 'Refer-To',
  s: 'Subject',
  t: 'To',
  u: 'Allow-Events',
  v: 'Via',
  x: 'Session-Expires',
  y: 'Identity',
};

/** The full header name a compact form stands for; other names unchanged. */
export function expandHeaderName(name: string): string {
  return name.length === 1 ? (COMPACT_FORMS[name.toLowerCase()] ?? name) : name;
}

/** The key two spellings of one header share: compact form expanded, lower case. */
export function headerKey(name: string): string {
  return expandHeaderName(name).toLowerCase();
}
