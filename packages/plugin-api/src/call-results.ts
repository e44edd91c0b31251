import { apiResult, type ApiResult } from './api-result.js';
import type { CallError, CallErrorReason } from './call-error.js';
import type { CoresReached } from './calls.js';
import type { ResultType } from './result-codes.js';

/** The result code the API answers for each reason a call signal is refused. */
export const CALL_ERROR_RESULTS: Readonly<Record<CallErrorReason, ResultType>> = {
  // The manual's 59 is "parameters invalid": a value that breaks the field table.
  FIELD_INVALID: 'API_PARAMETERS_INVALID',
  DEVICE_INVALID: 'API_DEVICE_INVALID',
  NOT_IN_CALL: 'API_DEVICE_NOT_IN_CALL',
  NO_FREE_CHANNELS: 'API_ERROR_NO_FREE_CHANNELS',
  NO_SCHEDULE: 'API_DID_NOT_MATCH_A_SCHEDULE',
  NOT_RECORDING: 'API_DEVICE_NOT_RECORDING',
  RECORDID_INVALID: 'API_RECORDID_INVALID',
  AGENT_NOT_FOUND: 'API_AGENT_NOT_FOUND',
  BLACKOUT_INVALID_STATE: 'API_BLACKOUT_INVALID_STATE',
  // The manual gives CHATSTART no code of its own for a session already running.
  ALREADY_RECORDING: 'API_ERROR_ALREADY_RECORDING',
  // CHATSTOP/CHATUPDATE for a SESSIONID nobody started: the nearest label is 33.
  SESSION_UNKNOWN: 'API_SESSIONID_UNSPECIFIED',
  OUT_OF_DISK_SPACE: 'API_ERROR_OUT_OF_DISK_SPACE',
  // Stopping: the scheduler takes no new calls, which is what 6 says.
  STOPPING: 'API_ERROR_SCHEDULER_NOT_RUNNING',
  RECORDER_NOT_RUNNING: 'API_ERROR_RECORDER_NOT_RUNNING',
  DATABASE_ERROR: 'API_DATABASE_QUERY_ERROR',
};

/** A refused call signal as the XML API answers it: the reason's result code, the error's message as RESULTMSG. */
export function callErrorResult(err: CallError): ApiResult {
  return apiResult(CALL_ERROR_RESULTS[err.reason], err.message);
}

/**
 * The manual's fan-out result of a call signal (`CALLSTART sent to all of
 * the following cores: 1`, API_PARTIAL_CORE_RESPONSE, API_ERROR_RECORDER_NOT_RUNNING),
 * with the real function name in the message (the manual's RECORDSTART and
 * CALLUPDATE texts that say CALLSTART are typos).
 */
export function coresResult(type: string, cores: CoresReached): ApiResult {
  if (cores.answered.length === 0) {
    const which = cores.failed.length > 0 ? `the following cores: ${cores.failed.join(',')}` : 'any recorder core: none serves this device';
    return apiResult('API_ERROR_RECORDER_NOT_RUNNING', `${type} could not be sent to ${which}`);
  }
  if (cores.failed.length > 0) {
    return apiResult('API_PARTIAL_CORE_RESPONSE', `${type} could not be sent to the following cores: ${cores.failed.join(',')}`);
  }
  return apiResult('API_OK', `${type} sent to all of the following cores: ${cores.answered.join(',')}`);
}
