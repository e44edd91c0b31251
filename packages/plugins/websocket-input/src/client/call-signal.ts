import { CallError, type CallData, type CallIdentity, type CallSignals, type InputContext } from '@callwire/plugin-api';

/** What a PBX event means for a Callwire call. */
export type CallSignal =
  | { readonly kind: 'start'; readonly identity: CallIdentity; readonly data: CallData }
  | { readonly kind: 'update'; readonly identity: CallIdentity; readonly data: CallData }
  | { readonly kind: 'hold' | 'retrieve' | 'stop'; readonly identity: CallIdentity };

/**
 * Carries a signal out on the CallService. A refusal is logged, never
 * thrown: the PBX cannot be answered, and NOT_IN_CALL (the call was ended
 * through the API first) is an ordinary race.
 */
export async function applySignal(calls: CallSignals, signal: CallSignal, log: InputContext['log']): Promise<void> {
  const { identity } = signal;
  try {
    switch (signal.kind) {
      case 'start':
        await calls.start(identity, signal.data);
        return;
      case 'update':
        await calls.update(identity, signal.data);
        return;
      case 'hold':
        await calls.hold(identity);
        return;
      case 'retrieve':
        await calls.retrieve(identity);
        return;
      case 'stop':
        await calls.stop(identity);
        return;
    }
  } catch (err) {
    const where = `${signal.kind} for ${identity.deviceId} call ${identity.callInstance}`;
    if (err instanceof CallError && err.reason === 'NOT_IN_CALL') return log.info(`${where}: the call was already ended`);
    log[err instanceof CallError ? 'warn' : 'error']({ err }, `${where} failed: ${(err as Error).message}`);
  }
}
