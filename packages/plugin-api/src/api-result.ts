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

/**
 * A file a function answers with instead of a RESULT document (EXPORT and the
 * manual's other functions "unique to the WebAPI"), produced as it is read.
 * Only a door that can carry files sends it (the WebAPI, as the HTTP body);
 * on any other door the request is refused before the function runs.
 */
export interface ResultStream {
  /** MIME type, e.g. `audio/mpeg`. */
  readonly contentType: string;
  /** The name to save it under (sent as an attachment's file name). */
  readonly fileName?: string;
  /** Exact length in bytes, when known before the first byte. */
  readonly length?: number;
  /**
   * The bytes, pulled at the reader's pace; ending the iteration early
   * stops producing them. Call once: each call starts from the beginning.
   */
  open(): AsyncIterable<Uint8Array>;
}

/** What a handler answers: the RESULTTYPE, an optional RESULTMSG and the function's data, or a file. */
export interface ApiResult {
  readonly type: ResultType;
  /** RESULTMSG; defaults to the RESULTTYPE label, as the manual's examples show. */
  readonly message?: string;
  readonly body?: ResultBody;
  /** The file a successful file function answers with; the message is then only logged and audited. */
  readonly stream?: ResultStream;
}

/** A result of the given type. */
export function apiResult(type: ResultType, message?: string, body?: ResultBody): ApiResult {
  return { type, message, body };
}

/** An API_OK result. */
export function apiOk(message?: string, body?: ResultBody): ApiResult {
  return { type: 'API_OK', message, body };
}

/** An API_OK result that answers with `stream`. */
export function apiFile(stream: ResultStream, message?: string): ApiResult {
  return { type: 'API_OK', message, stream };
}
