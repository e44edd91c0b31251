import type { ResultType } from '../protocol/result-codes.js';

/**
 * Thrown by a handler (or code it calls) to answer with a documented result
 * code instead of a generic processing error.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly type: ResultType,
    message: string,
  ) {
    super(message);
  }
}
