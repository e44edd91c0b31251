import type { CallcopyEvent, CallSnapshotSource, EventBus } from '@callwire/core';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { rpc, serveRpc } from './rpc.js';

/** The engine's calls in progress, and the SEQ of the last event it had published when it read them. */
interface Snapshot {
  readonly seq: number;
  readonly events: readonly CallcopyEvent[];
}

/**
 * The calls in progress on a node that is not the engine node: asked of the
 * engine node, then held back until this node's bus has relayed every event
 * up to the snapshot's SEQ, so the live events that follow it are those after
 * it — none twice, none missed. (If the relay lags more than `timeoutMs`, the
 * snapshot goes out anyway and the lag's events follow it.)
 */
export function remoteSnapshot(nc: NatsConnection, subject: string, bus: EventBus, timeoutMs: number): CallSnapshotSource {
  return {
    async snapshot() {
      const { seq, events } = await rpc<Snapshot>(nc, subject, {}, timeoutMs);
      await relayedUpTo(bus, seq, timeoutMs);
      return events;
    },
  };
}

function relayedUpTo(bus: EventBus, seq: number, timeoutMs: number): Promise<void> {
  if (bus.latestSeq >= seq) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = bus.subscribe({ eventClass: 'ALL', deliver: (published) => void (published.seq >= seq && done()) });
  });
}

/** On the engine node: answers other nodes' snapshot requests. */
export function serveSnapshot(nc: NatsConnection, subject: string, calls: CallSnapshotSource, bus: EventBus, log: Logger): Subscription {
  return serveRpc<unknown, Snapshot>(nc, subject, async () => {
    const seq = bus.latestSeq;
    return { seq, events: await calls.snapshot() };
  }, { queue: 'engine', log });
}
