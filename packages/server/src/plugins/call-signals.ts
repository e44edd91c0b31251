import type { CallService, CallInstance, CallOutcome as EngineOutcome } from '@callwire/core';
import type { CallOutcome, CallSignals, CallState } from '@callwire/plugin-api';

/**
 * The call path as plugins get it: CallService's signals, answering plain
 * data about the call rather than the engine's live objects.
 */
export function callSignals(calls: CallService): CallSignals {
  return {
    start: async (identity, data) => outcome(await calls.start(identity, data)),
    stop: async (identity, data) => outcome(await calls.stop(identity, data)),
    async update(identity, data, options) {
      const updated = await calls.update(identity, data, options);
      return updated.kind === 'stored' ? { recordId: updated.ident } : { ...state(updated.call), cores: updated.cores };
    },
    async updateRecording(recordId, data) {
      await calls.updateRecording(recordId, data);
    },
    recordStart: async (identity, data) => outcome(await calls.recordStart(identity, data)),
    recordStop: async (identity, data) => outcome(await calls.recordStop(identity, data)),
    transfer: async (from, to, data) => outcome(await calls.transfer(from, to, data)),
    hold: async (identity) => state(await calls.hold(identity)),
    retrieve: async (identity) => state(await calls.retrieve(identity)),
    recordCallDetail: (detail) => calls.recordCallDetail(detail),
  };
}

function state(call: CallInstance): CallState {
  return {
    deviceId: call.deviceId,
    callInstance: call.instance,
    get state() {
      return call.state;
    },
    fields: call.fields,
  };
}

function outcome({ call, cores, recording }: EngineOutcome): CallOutcome {
  const started = recording && { coreIdent: recording.coreIdent, channel: recording.channel, fileName: recording.fileName };
  return { ...state(call), cores, ...(started ? { recording: started } : {}) };
}
