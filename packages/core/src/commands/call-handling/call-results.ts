import { callErrorResult, coresResult } from '@callwire/plugin-api';
import { CallError } from '../../calls/call-error.js';
import { apiResult, type ApiResult } from '../../protocol/api-result.js';
import { StorageError } from '../../storage/errors.js';

/** The manual's fan-out results (plugin-api's `coresResult`, under the name the handlers use). */
export const coreResult = coresResult;

/**
 * Runs a call-handling action, answering a CallError with its documented
 * result (plugin-api's CALL_ERROR_RESULTS) and a database failure with 23.
 */
export async function answerCall(work: () => Promise<ApiResult>): Promise<ApiResult> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CallError) return callErrorResult(err);
    if (err instanceof StorageError) return apiResult('API_DATABASE_QUERY_ERROR', `the database could not be used: ${err.message}`);
    throw err;
  }
}
