import { ApiRequest } from '@callwire/core';

/** The RESULTMSG the manual gives for the same parameter sent in two casings. */
export const DUPLICATE_PARAMETERS = 'parameters must be unique but duplicates were found';

/**
 * Turns WebAPI parameters (query string and form body, in order) into the
 * request object the TCP server builds, so every function behaves the same
 * on both doors. Names are case-insensitive; the same name sent twice with
 * the same casing is joined into one comma-separated value, as the manual
 * describes; sent in two casings it is an error (DUPLICATE_PARAMETERS is returned).
 */
export function webApiRequest(pairs: Iterable<[string, string]>): ApiRequest | typeof DUPLICATE_PARAMETERS {
  const byName = new Map<string, { spelling: string; values: string[] }>();
  for (const [name, value] of pairs) {
    const key = name.trim().toUpperCase();
    const seen = byName.get(key);
    if (!seen) byName.set(key, { spelling: name, values: [value] });
    else if (seen.spelling !== name) return DUPLICATE_PARAMETERS;
    else seen.values.push(value);
  }
  return ApiRequest.fromFields([...byName.values()].map(({ spelling, values }) => [spelling, values.join(',')] as const));
}
