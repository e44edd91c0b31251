import { apiOk, callErrorResult, coresResult, isCallError, type ApiResult, type CallSignals } from '@callwire/plugin-api';
import { readCallData, readCallIdentity, type CallParameters } from '@callwire/plugin-kit';
import type { PushEvent } from './push-message.js';

/**
 * Carries out one pushed event on the call path — the same calls the XML
 * API's CALLSTART / CALLSTOP / CALLUPDATE handlers make, with the same
 * parameters — and answers it as they do: the fan-out result, or a refused
 * signal's result code and message (plugin-api's CALL_ERROR_RESULTS).
 * `hold` and `retrieve` are CTI signals with no XML function; they answer
 * API_OK or the refusal. Any other error is the caller's to answer.
 */
export async function handlePush(calls: CallSignals, event: PushEvent, parameters: CallParameters): Promise<ApiResult> {
  try {
    return await carryOut(calls, event, parameters);
  } catch (err) {
    if (isCallError(err)) return callErrorResult(err);
    throw err;
  }
}

async function carryOut(calls: CallSignals, event: PushEvent, parameters: CallParameters): Promise<ApiResult> {
  const identity = readCallIdentity(parameters);
  switch (event) {
    case 'callstart':
      return coresResult('CALLSTART', (await calls.start(identity, readCallData(parameters))).cores);
    case 'callstop':
      return coresResult('CALLSTOP', (await calls.stop(identity, readCallData(parameters))).cores);
    case 'callupdate':
      return update(calls, parameters);
    case 'hold':
      return apiOk(`call ${describe(await calls.hold(identity))} is on hold`);
    case 'retrieve':
      return apiOk(`call ${describe(await calls.retrieve(identity))} is connected again`);
  }
}

/** CALLUPDATE: of the live call; with updateIfNotRecording, of the last stored recording; with recordId, of that recording. */
async function update(calls: CallSignals, parameters: CallParameters): Promise<ApiResult> {
  const data = readCallData(parameters);
  const recordId = parameters.nonBlank('RECORDID');
  if (recordId !== undefined) {
    await calls.updateRecording(Number(recordId), { ...data, deviceId: parameters.nonBlank('DEVICEID') });
    return apiOk('Updated recording in database');
  }
  const updateIfNotRecording = parameters.nonBlank('UPDATE_IF_NOT_RECORDING')?.toUpperCase() === 'Y';
  const outcome = await calls.update(readCallIdentity(parameters), data, { updateIfNotRecording });
  return 'recordId' in outcome ? apiOk('Updated recording in database') : coresResult('CALLUPDATE', outcome.cores);
}

function describe(call: { deviceId: string; callInstance: string }): string {
  return call.callInstance === '' ? `on device ${call.deviceId}` : `${call.callInstance} on device ${call.deviceId}`;
}
