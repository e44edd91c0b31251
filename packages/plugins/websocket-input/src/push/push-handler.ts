import { answerCall, apiOk, coreResult, readCallData, readCallIdentity, type ApiRequest, type ApiResult } from '@callwire/core';
import type { CallSignals } from '@callwire/plugin-api';
import type { PushEvent } from './push-message.js';

/**
 * Carries out one pushed event on the CallService — the same calls the
 * XML API's CALLSTART / CALLSTOP / CALLUPDATE handlers make — and answers
 * it as they do. `hold` and `retrieve` are CTI signals with no XML
 * function; they answer API_OK or the CallService's refusal.
 */
export function handlePush(calls: CallSignals, event: PushEvent, request: ApiRequest): Promise<ApiResult> {
  return answerCall(async () => {
    const identity = readCallIdentity(request);
    switch (event) {
      case 'callstart':
        return coreResult('CALLSTART', (await calls.start(identity, readCallData(request))).cores);
      case 'callstop':
        return coreResult('CALLSTOP', (await calls.stop(identity, readCallData(request))).cores);
      case 'callupdate':
        return update(calls, request);
      case 'hold': {
        const call = await calls.hold(identity);
        return apiOk(`call ${describe(call)} is on hold`);
      }
      case 'retrieve': {
        const call = await calls.retrieve(identity);
        return apiOk(`call ${describe(call)} is connected again`);
      }
    }
  });
}

/** CALLUPDATE: of the live call; with updateIfNotRecording, of the last stored recording; with recordId, of that recording. */
async function update(calls: CallSignals, request: ApiRequest): Promise<ApiResult> {
  const data = readCallData(request);
  const recordId = request.nonBlank('RECORDID');
  if (recordId !== undefined) {
    await calls.updateRecording(Number(recordId), { ...data, deviceId: request.nonBlank('DEVICEID') });
    return apiOk('Updated recording in database');
  }
  const updateIfNotRecording = request.nonBlank('UPDATE_IF_NOT_RECORDING')?.toUpperCase() === 'Y';
  const outcome = await calls.update(readCallIdentity(request), data, { updateIfNotRecording });
  return 'recordId' in outcome ? apiOk('Updated recording in database') : coreResult('CALLUPDATE', outcome.cores);
}

function describe(call: { deviceId: string; callInstance: string }): string {
  return call.callInstance === '' ? `on device ${call.deviceId}` : `${call.callInstance} on device ${call.deviceId}`;
}
