import { CallError, isCallError, type CallErrorReason, type CallSignals } from '@callwire/plugin-api';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { rpc, RpcRefused, RpcUnanswered, serveRpc } from './rpc.js';

type SignalName = keyof CallSignals;

/** Every call signal, as a core process's plugins may send it to the engine node. */
const SIGNALS: readonly SignalName[] = [
  'start', 'stop', 'update', 'updateRecording', 'recordStart', 'recordStop', 'transfer', 'hold', 'retrieve', 'recordCallDetail', 'isAgentPhone',
];

interface SignalRequest {
  readonly signal: SignalName;
  readonly args: unknown[];
}

/** A refused signal's CallError, carried whole. */
interface CallErrorDetail {
  readonly reason: CallErrorReason;
  readonly field?: string;
}

/**
 * The call path of a `callwire core` process: each signal its plugins send
 * (a SIPREC session's CALLSTART) goes to the engine node and comes back as
 * the engine answered it, a CallError as the same CallError. With no engine
 * node to answer, the signal is refused as a stopping engine's would be
 * (STOPPING: API_ERROR_SCHEDULER_NOT_RUNNING), naming why.
 */
export function remoteCallSignals(nc: NatsConnection, subject: string, timeoutMs: number): CallSignals {
  const send = async (signal: SignalName, args: unknown[]): Promise<unknown> => {
    try {
      return await rpc<unknown>(nc, subject, { signal, args } satisfies SignalRequest, timeoutMs);
    } catch (err) {
      if (err instanceof RpcRefused) {
        const detail = err.detail as CallErrorDetail | undefined;
        if (detail?.reason) throw new CallError(detail.reason, err.message, detail.field);
        throw new Error(err.message);
      }
      if (err instanceof RpcUnanswered) throw new CallError('STOPPING', `the engine node does not answer: ${err.message}`);
      throw err;
    }
  };
  return Object.fromEntries(SIGNALS.map((name) => [name, (...args: unknown[]) => send(name, args)])) as unknown as CallSignals;
}

/** On the engine node: carries out the signals core processes send. */
export function serveCallSignals(nc: NatsConnection, subject: string, signals: CallSignals, log: Logger): Subscription {
  return serveRpc<SignalRequest, unknown>(nc, subject, async ({ signal, args }) => {
    if (!SIGNALS.includes(signal) || !Array.isArray(args)) throw new Error(`'${String(signal)}' is not a call signal`);
    const outcome = await (signals[signal] as (...a: unknown[]) => Promise<unknown>)(...args);
    // A CallState's `state` is a getter on the live call: send what it is now.
    return outcome === undefined ? null : JSON.parse(JSON.stringify(outcome));
  }, {
    queue: 'engine', log,
    detail: (err) => (isCallError(err) ? ({ reason: err.reason, field: err.field } satisfies CallErrorDetail) : undefined),
  });
}
