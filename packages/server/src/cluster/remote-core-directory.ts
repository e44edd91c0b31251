import { performance } from 'node:perf_hooks';
import type { CallService, CoreRegistry, RecordingController } from '@callwire/core';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { ANNOUNCE_INTERVAL_MS, ANNOUNCE_MISSED, type CoreAnnouncement } from './core-announcement.js';
import { RemoteCore } from './remote-core.js';
import type { ClusterSubjects } from './subjects.js';

export interface RemoteCoreDirectoryDeps {
  readonly cores: CoreRegistry;
  readonly controller: RecordingController;
  readonly calls: CallService;
  readonly subjects: ClusterSubjects;
  readonly requestTimeoutMs: number;
  /** This engine's recording keys begin so (settings.recordingKeyPrefix): a key that does not is an earlier engine node's. */
  readonly keyPrefix: string;
  readonly log: Logger;
}

/**
 * On the engine node: the cores of `callwire core` processes, as their
 * announcements tell, in the engine's CoreRegistry beside any local one.
 * A core joins at its first announcement (calls in progress that should be
 * recording are recorded on it); it leaves when it says it is gone, when a
 * new boot of it announces, or when it has not announced for
 * ANNOUNCE_MISSED intervals while this node was connected — then its
 * running recordings are closed as interrupted, as a plugin's failing core's
 * are. Changes of one COREIDENT are made one after another.
 */
export class RemoteCoreDirectory {
  /** Each core and when it was last heard (performance.now(): a wall-clock step must not expire anyone). */
  private readonly known = new Map<number, { core: RemoteCore; seenAt: number }>();
  private readonly work = new Map<number, Promise<void>>();
  private subscription: Subscription | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private connected = true;
  /** Recordings of earlier engine nodes being stopped on their cores. */
  private readonly orphans = new Set<string>();
  private stopped = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly deps: RemoteCoreDirectoryDeps,
  ) {}

  /** Listens for announcements and asks every core to announce now. */
  start(): void {
    const { subjects, log } = this.deps;
    this.subscription = this.nc.subscribe(subjects.coreAnnounce, {
      callback: (err, msg) => {
        if (err) return;
        try {
          this.heard(msg.json<CoreAnnouncement>());
        } catch (e) {
          log.warn({ err: e }, `an announcement on ${subjects.coreAnnounce} could not be read: ${(e as Error).message}`);
        }
      },
    });
    this.nc.publish(subjects.coreHello);
    this.expiry = setInterval(() => this.expire(), ANNOUNCE_INTERVAL_MS);
    void this.watchConnection();
  }

  /** Stops listening; the cores stay in the registry of a node that is stopping. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.expiry);
    this.subscription?.unsubscribe();
  }

  private heard(announcement: CoreAnnouncement): void {
    const ident = announcement.coreIdent;
    if (!Number.isInteger(ident)) throw new Error('it names no COREIDENT');
    const entry = this.known.get(ident);
    if (entry && entry.core.bootId === announcement.bootId) {
      if (announcement.gone) this.leave(ident, entry.core, `recorder core ${ident} on ${announcement.node} stopped`);
      else {
        entry.core.update(announcement);
        entry.seenAt = performance.now();
        this.stopOrphans(entry.core, announcement.recordings);
      }
      return;
    }
    if (announcement.gone) return;
    if (entry && entry.core.node !== announcement.node) {
      this.deps.log.error({ core: ident, nodes: [entry.core.node, announcement.node] },
        `two core processes announce COREIDENT ${ident}: ${entry.core.node} and ${announcement.node}; keeping ${entry.core.node}`);
      return;
    }
    if (entry) this.leave(ident, entry.core, `recorder core ${ident} on ${announcement.node} restarted`);
    this.join(announcement);
  }

  /**
   * Stops what a core still records for an earlier engine node (it died, or
   * lost the lease): nobody would ever stop it, and its channel would stay
   * taken. The new engine recovered its rows as interrupted at takeover; the
   * file the core finishes stays where it is.
   */
  private stopOrphans(core: RemoteCore, recordings: readonly string[] | undefined): void {
    for (const key of recordings ?? []) {
      if (key.startsWith(this.deps.keyPrefix) || this.orphans.has(key)) continue;
      this.orphans.add(key);
      core.stopRecording(key, Date.now()).then(
        (stopped) => this.deps.log.warn({ core: core.coreIdent, key, file: stopped.fileName }, `stopped recording ${key} on core ${core.coreIdent}: an earlier engine node started it`),
        (err: unknown) => this.deps.log.warn({ err, core: core.coreIdent, key }, `could not stop recording ${key} an earlier engine node left on core ${core.coreIdent}: ${(err as Error).message}`),
      ).finally(() => this.orphans.delete(key));
    }
  }

  private join(announcement: CoreAnnouncement): void {
    const { cores, calls, subjects, requestTimeoutMs, log } = this.deps;
    const core = new RemoteCore(this.nc, subjects, announcement, requestTimeoutMs);
    this.known.set(core.coreIdent, { core, seenAt: performance.now() });
    this.queue(core.coreIdent, async () => {
      if (this.known.get(core.coreIdent)?.core !== core) return;
      cores.add(core);
      this.stopOrphans(core, announcement.recordings);
      log.info({ core: core.coreIdent, node: core.node }, `recorder core ${core.coreIdent} on ${core.node} joined`);
      const started = await calls.recordCallsInProgress(core.coreIdent);
      if (started > 0) log.info({ core: core.coreIdent, started }, `recording ${started} call(s) in progress on core ${core.coreIdent}`);
    });
  }

  private leave(ident: number, core: RemoteCore, reason: string): void {
    if (this.known.get(ident)?.core === core) this.known.delete(ident);
    this.queue(ident, async () => {
      this.deps.cores.remove(core);
      this.deps.log.warn({ core: ident, node: core.node }, `${reason}: its recordings in progress are closed`);
      await this.deps.controller.coreLeft(core, reason);
    });
  }

  private queue(ident: number, step: () => Promise<void>): void {
    const next = (this.work.get(ident) ?? Promise.resolve()).then(step).catch((err: unknown) => {
      this.deps.log.error({ err, core: ident }, `recorder core ${ident}: ${(err as Error).message}`);
    });
    this.work.set(ident, next);
  }

  private expire(): void {
    if (!this.connected || this.stopped) return;
    const limit = ANNOUNCE_INTERVAL_MS * ANNOUNCE_MISSED;
    for (const [ident, { core, seenAt }] of this.known) {
      const silentMs = Math.round(performance.now() - seenAt);
      if (silentMs > limit) this.leave(ident, core, `recorder core ${ident} on ${core.node} stopped answering (nothing heard for ${silentMs} ms)`);
    }
  }

  /** While this node is cut off from NATS, silence is its own, not the cores': nobody is expired, and each is heard afresh after. */
  private async watchConnection(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (this.stopped) return;
      if (status.type === 'disconnect') this.connected = false;
      else if (status.type === 'reconnect') {
        for (const entry of this.known.values()) entry.seenAt = performance.now();
        this.connected = true;
        this.nc.publish(this.deps.subjects.coreHello);
      }
    }
  }
}
