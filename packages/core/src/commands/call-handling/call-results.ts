import { CallError, type CallErrorReason } from '../../calls/call-error.js';
import type { FanoutOutcome } from '../../cores/core-registry.js';
import { apiResult, type ApiResult } from '../../protocol/api-result.js';
import type { ResultType } from '../../protocol/result-codes.js';
import { StorageError } from '../../storage/errors.js';

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

const RESULT_OF: Readonly<Record<CallErrorReason, ResultType>> = {
  FIELD_INVALID: 'API_PARAMETERS_INVALID',
  DEVICE_INVALID: 'API_DEVICE_INVALID',
  NOT_IN_CALL: 'API_DEVICE_NOT_IN_CALL',
  NO_FREE_CHANNELS: 'API_ERROR_NO_FREE_CHANNELS',
  NO_SCHEDULE: 'API_DID_NOT_MATCH_A_SCHEDULE',
  NOT_RECORDING: 'API_DEVICE_NOT_RECORDING',
  RECORDID_INVALID: 'API_RECORDID_INVALID',
  AGENT_NOT_FOUND: 'API_AGENT_NOT_FOUND',
  BLACKOUT_INVALID_STATE: 'API_BLACKOUT_INVALID_STATE',
  ALREADY_RECORDING: 'API_ERROR_ALREADY_RECORDING',
  SESSION_UNKNOWN: 'API_SESSIONID_UNSPECIFIED',
  OUT_OF_DISK_SPACE: 'API_ERROR_OUT_OF_DISK_SPACE',
  STOPPING: 'API_ERROR_SCHEDULER_NOT_RUNNING',
  RECORDER_NOT_RUNNING: 'API_ERROR_RECORDER_NOT_RUNNING',
};

/**
 * Runs a call-handling action, answering a CallError with its documented
 * result and a database failure with 23. Input plugins that answer their PBX
 * in API terms (websocket-input) use it too, so both doors agree.
 */
export async function answerCall(work: () => Promise<ApiResult>): Promise<ApiResult> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CallError) return apiResult(RESULT_OF[err.reason], err.message);
    if (err instanceof StorageError) return apiResult('API_DATABASE_QUERY_ERROR', `the database could not be used: ${err.message}`);
    throw err;
  }
}
