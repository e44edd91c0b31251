import { queryParams, shownValue } from './query-params.js';

/** How many rows a listing returns when the client does not say, and at most. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

/** A query parameter a listing cannot use: answered 400 with this one line. */
export class ListingQueryError extends Error {
  override readonly name = 'ListingQueryError';
}

/** What every listing takes: a time span (ms, both ends included) and a row limit. */
export interface ListingQuery {
  readonly from?: number;
  readonly to?: number;
  readonly limit: number;
  /** The other parameters, by lower-case name. */
  readonly params: ReadonlyMap<string, string>;
}

/**
 * Reads `from` and `to` (milliseconds since 1970, or an ISO 8601 date-time
 * such as 2026-12-01T08:00:00+01:00) and `limit` (1 to 10000, default 100).
 * @throws ListingQueryError naming the parameter and what it takes
 */
export function readListingQuery(url: URL): ListingQuery {
  const params = queryParams(url.searchParams);
  const from = instant(params, 'from');
  const to = instant(params, 'to');
  if (from !== undefined && to !== undefined && from > to) throw new ListingQueryError('from must not be after to');
  const limitText = params.get('limit');
  const limit = limitText === undefined || limitText === '' ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new ListingQueryError(`limit takes a whole number from 1 to ${MAX_LIMIT}, got '${shownValue(limitText ?? '')}'`);
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), limit, params };
}

function instant(params: ReadonlyMap<string, string>, name: string): number | undefined {
  const text = params.get(name);
  if (text === undefined || text === '') return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isSafeInteger(ms)) throw new ListingQueryError(`${name} takes milliseconds since 1970 or an ISO 8601 date-time, got '${shownValue(text)}'`);
  return ms;
}

/** A stored time (ms) as ISO 8601 (UTC); null stays null. */
export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(Number(ms)).toISOString();
}
