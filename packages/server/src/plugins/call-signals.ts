import { CallError, databaseFailure, StorageError, type CallService, type CallInstance, type CallOutcome as EngineOutcome } from '@callwire/core';
import type { CallOutcome, CallSignals, CallState } from '@callwire/plugin-api';

/**
 * The call path as plugins get it: CallService's signals, answering plain
 * data about the call rather than the engine's live objects.
 */
export function callSignals(calls: CallService): CallSignals {
  const signals: CallSignals = {
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
    hold: async (identity, options) => state(await calls.hold(identity, options)),
    retrieve: async (identity) => state(await calls.retrieve(identity)),
    recordCallDetail: (detail) => calls.recordCallDetail(detail),
    isAgentPhone: (phoneId) => calls.isAgentPhone(phoneId),
  };
  return databaseRefusals(signals);
}

/**
 * A database failure reaches a plugin as a CallError (DATABASE_ERROR, its
 * message as the API would answer it): plugins cannot see the storage
 * layer's own error classes.
 */
function databaseRefusals(signals: CallSignals): CallSignals {
  const guarded = {} as Record<string, unknown>;
  for (const [name, signal] of Object.entries(signals) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    guarded[name] = (...args: unknown[]) =>
      signal(...args).catch((err: unknown) => {
        throw err instanceof StorageError ? new CallError('DATABASE_ERROR', databaseFailure(err)) : err;
      });
  }
  return guarded as unknown as CallSignals;
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
