import { randomUUID } from 'node:crypto';
import type { RecorderCore } from '@callwire/plugin-api';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { ANNOUNCE_INTERVAL_MS, announcementOf, CORE_METHODS, type CoreMethod, type CoreReply } from './core-announcement.js';
import { encodeJson, serveRpc } from './rpc.js';
import type { ClusterSubjects } from './subjects.js';

/** A core served on NATS. */
export interface ServedCore {
  /** Says the core is gone and stops serving it. */
  close(): Promise<void>;
}

/**
 * Serves one recorder core of a `callwire core` process: each method of the
 * recorder-core contract by request/reply on its own subject, and its
 * announcement (core-announcement.ts) at start, every
 * ANNOUNCE_INTERVAL_MS and whenever the engine node asks; each command's
 * reply carries the channels after it, so the engine's proxy is current
 * between announcements. Arguments arrive as the engine's proxy sent them; what the core
 * throws goes back as a refusal with its message.
 */
export function serveCore(nc: NatsConnection, core: RecorderCore, options: { subjects: ClusterSubjects; node: string; log: Logger }): ServedCore {
  const { subjects, node, log } = options;
  const bootId = randomUUID();
  /** Recordings started and not yet stopped through this service (one the core ended by itself stays until a stop finds it gone). */
  const running = new Set<string>();
  const announce = (gone = false) => {
    if (nc.isClosed()) return;
    try {
      nc.publish(subjects.coreAnnounce, encodeJson(announcementOf(core, node, bootId, running, gone)));
    } catch (err) {
      log.warn({ err, core: core.coreIdent }, `core ${core.coreIdent} could not announce itself: ${(err as Error).message}`);
    }
  };
  const served: Subscription[] = CORE_METHODS.map((method) =>
    serveRpc<unknown[], CoreReply>(nc, subjects.core(core.coreIdent, method), async (args) => {
      const result = await call(core, method, args).finally(() => {
        if (method === 'stopRecording') running.delete(String(args[0]));
      });
      if (method === 'startRecording') running.add((args[0] as { key: string }).key);
      return { result: result ?? null, channels: core.channels() };
    }, { log }),
  );
  served.push(nc.subscribe(subjects.coreHello, { callback: () => announce() }));
  const heartbeat = setInterval(() => announce(), ANNOUNCE_INTERVAL_MS);
  announce();
  return {
    async close() {
      clearInterval(heartbeat);
      for (const subscription of served) subscription.unsubscribe();
      announce(true);
      await nc.flush().catch(() => undefined);
    },
  };
}

function call(core: RecorderCore, method: CoreMethod, args: unknown[]): Promise<unknown> {
  if (!Array.isArray(args)) throw new Error(`${method}: the arguments must be a list`);
  if (method === 'silence') {
    if (!core.silence) throw new Error(`recorder core ${core.coreIdent} cannot silence what it wrote`);
    return core.silence(...(args as Parameters<NonNullable<RecorderCore['silence']>>));
  }
  return (core[method] as (...a: unknown[]) => Promise<unknown>).apply(core, args);
}
