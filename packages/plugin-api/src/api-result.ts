import type { ResultType } from './result-codes.js';

/**
 * Data a function returns after RESULTMSG, in the manual's order. Object keys
 * become child elements in insertion order; an array value repeats the element
 * (e.g. `{ COUNT: 2, DEVICE: [a, b] }`).
 */
export interface ResultBody {
  [tag: string]: ResultValue;
}
export type ResultValue = string | number | ResultBody | readonly (string | number | ResultBody)[];

/** What a handler answers: the RESULTTYPE, an optional RESULTMSG and the function's data. */
export interface ApiResult {
  readonly type: ResultType;
  /** RESULTMSG; defaults to the RESULTTYPE label, as the manual's examples show. */
  readonly message?: string;
  readonly body?: ResultBody;
}

/** A result of the given type. */
export function apiResult(type: ResultType, message?: string, body?: ResultBody): ApiResult {
  return { type, message, body };
}

/** An API_OK result. */
export function apiOk(message?: string, body?: ResultBody): ApiResult {
  return { type: 'API_OK', message, body };
}
