import type { FanoutOutcome } from '../../cores/core-registry.js';
import { apiResult, type ApiResult } from '../../protocol/api-result.js';
import { documentedResultOf } from '../result-of-error.js';

/**
 * The manual's fan-out results, with the real request type in the message
 * (its RECORDSTART and CALLUPDATE texts that say CALLSTART are typos).
 */
export function coreResult(type: string, outcome: FanoutOutcome): ApiResult {
  if (outcome.answered.length === 0) {
    const which = outcome.failed.length > 0 ? `the following cores: ${outcome.failed.join(',')}` : 'any recorder core: none serves this device';
    return apiResult('API_ERROR_RECORDER_NOT_RUNNING', `${type} could not be sent to ${which}`);
  }
  if (outcome.failed.length > 0) {
    return apiResult('API_PARTIAL_CORE_RESPONSE', `${type} could not be sent to the following cores: ${outcome.failed.join(',')}`);
  }
  return apiResult('API_OK', `${type} sent to all of the following cores: ${outcome.answered.join(',')}`);
}

/**
 * Runs a call action outside the dispatcher, answering a domain error
 * (CallError, a database failure, …) with the result the dispatcher would
 * give it (see result-of-error.ts); any other error is rethrown for the
 * caller to log. Input plugins that answer their PBX in API terms
 * (websocket-input) use it, so their replies match the XML API's.
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
