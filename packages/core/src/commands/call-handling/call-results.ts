import { coresResult } from '@callwire/plugin-api';
import type { FanoutOutcome } from '../../cores/core-registry.js';
import type { ApiResult } from '../../protocol/api-result.js';
import { documentedResultOf } from '../result-of-error.js';

/** The manual's fan-out results (plugin-api's `coresResult`, which input plugins answer with too). */
export const coreResult: (type: string, outcome: FanoutOutcome) => ApiResult = coresResult;

/**
 * Runs a call action outside the dispatcher, answering a domain error
 * (CallError, a database failure, …) with the result the dispatcher would
 * give it (see result-of-error.ts); any other error is rethrown for the
 * caller to log. (Input plugins answer a CallError with plugin-api's
 * callErrorResult, the same table.)
 */
export async function answerCall(work: () => Promise<ApiResult>): Promise<ApiResult> {
  try {
    return await work();
  } catch (err) {
    const documented = documentedResultOf(err);
    if (documented) return documented;
    throw err;
  }
}
