import type { ApiDispatcher, CallService, CoreRegistry, EventBus, RecordingController, RecordingStore } from '@callwire/core';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { callSignals } from '../plugins/call-signals.js';
import type { PluginHost } from '../host/plugin-host.js';
import { EventFollower } from './event-follower.js';
import { EventPublisher } from './event-publisher.js';
import { Lease } from './lease.js';
import type { ClusterConfig } from './nats-link.js';
import { serveCallSignals } from './remote-call-signals.js';
import { RemoteCoreDirectory } from './remote-core-directory.js';
import { serveRecordingEnded } from './remote-recording-sink.js';
import { remoteSnapshot, serveSnapshot } from './remote-snapshot.js';
import { engineRouter, serveForwardedRequests } from './request-forwarding.js';
import type { SnapshotSwitch } from './snapshot-switch.js';
import type { ClusterSubjects } from './subjects.js';

/** The engine's parts a cluster node drives. */
export interface EngineParts {
  readonly dispatcher: ApiDispatcher;
  readonly bus: EventBus;
  readonly calls: CallService;
  readonly controller: RecordingController;
  readonly cores: CoreRegistry;
  readonly store: RecordingStore;
  readonly plugins: PluginHost;
  readonly snapshot: SnapshotSwitch;
  /** Every recording key this engine gives begins so. */
  readonly recordingKeyPrefix: string;
}

/** The lease whose holder is the engine node. */
const ENGINE_LEASE = 'engine';

/**
 * An API node's place in the cluster. Until it holds the engine lease it
 * forwards its clients' requests to the engine node, relays the engine's
 * events to its own subscribers; once it holds it, it recovers what the
 * last engine left in storage (as after a restart), serves the other
 * nodes, takes in the remote cores, and starts the input plugins.
 *
 * A node that loses the lease (it was cut off from NATS longer than the
 * lease lives), or takes it and cannot start the engine, must not go on:
 * `lost` is called, and the CLI exits at once, without ending calls another
 * engine node will own.
 */
export class ClusterNode {
  private served: Subscription[] = [];
  private publisher: EventPublisher | undefined;
  private follower: EventFollower | undefined;
  private becoming: Promise<void> | undefined;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly cluster: ClusterConfig,
    private readonly subjects: ClusterSubjects,
    private readonly parts: EngineParts,
    private readonly directory: RemoteCoreDirectory,
    private readonly lease: Lease,
    private readonly log: Logger,
    private readonly lost: (reason: string) => void,
  ) {}

  /** Joins as a node that is not the engine node, and starts competing for the engine lease. */
  static async join(
    nc: NatsConnection, cluster: ClusterConfig, subjects: ClusterSubjects, parts: EngineParts, log: Logger, lost: (reason: string) => void,
  ): Promise<ClusterNode> {
    const directory = new RemoteCoreDirectory(nc, {
      cores: parts.cores, controller: parts.controller, calls: parts.calls, subjects, log, requestTimeoutMs: cluster.requestTimeoutMs,
      keyPrefix: parts.recordingKeyPrefix,
    });
    const lease = await Lease.open(nc, { bucket: subjects.leaseBucket, key: ENGINE_LEASE, holder: cluster.node, ttlMs: cluster.leaseSeconds * 1000 }, log);
    const node = new ClusterNode(nc, cluster, subjects, parts, directory, lease, log, lost);
    await node.follow();
    lease.onAcquired(() => void node.becomeEngine());
    lease.onLost((reason: string) => lost(`lost the engine lease: ${reason}`));
    lease.start();
    return node;
  }

  /** Until it holds the lease: requests and snapshots go to the engine node, its events come from it. */
  private async follow(): Promise<void> {
    const { dispatcher, bus, snapshot } = this.parts;
    const timeout = this.cluster.requestTimeoutMs;
    dispatcher.routeTo(engineRouter(this.nc, this.subjects.api, this.cluster.node, timeout));
    snapshot.use(remoteSnapshot(this.nc, this.subjects.snapshot, bus, timeout));
    this.follower = await EventFollower.start(this.nc, bus, { subjects: this.subjects, log: this.log });
  }

  private becomeEngine(): Promise<void> {
    // Half an engine must not go on holding the lease: the process ends (as when the lease is lost) and another node takes it.
    this.becoming ??= this.takeOver().catch((err: unknown) => this.lost(`took the engine lease but could not start the engine: ${(err as Error).message}`));
    return this.becoming;
  }

  private async takeOver(): Promise<void> {
    const { dispatcher, bus, calls, controller, store, plugins, snapshot } = this.parts;
    // Every event the last engine published, before this one publishes its own, above them.
    const follower = this.follower;
    this.follower = undefined;
    await follower?.stop();
    if (follower) bus.advanceTo(follower.lastSeq);
    await store.open(); // what the last engine left open was interrupted, as after a restart
    dispatcher.routeTo(undefined);
    snapshot.use(calls);
    this.publisher = await EventPublisher.start(this.nc, bus, { subjects: this.subjects, log: this.log });
    const log = this.log;
    this.served = [
      serveForwardedRequests(this.nc, this.subjects.api, dispatcher, log),
      serveCallSignals(this.nc, this.subjects.signals, callSignals(calls), log),
      serveSnapshot(this.nc, this.subjects.snapshot, calls, bus, log),
      serveRecordingEnded(this.nc, controller, { subjects: this.subjects, log }),
    ];
    this.directory.start(); // the cores announce themselves; calls in progress record on them as they join
    await plugins.start(['input', 'extension']);
    log.info({ cluster: 'engine', node: this.cluster.node }, `${this.cluster.node} is now the engine node: it runs the call path and the input plugins`);
  }

  /**
   * Leaves the cluster, after the host has stopped its plugins and ended its
   * calls: the engine's last events are published, the lease is given up
   * (so another node takes it at once), then the connection closes.
   */
  async leave(): Promise<void> {
    await this.becoming?.catch(() => undefined);
    await this.follower?.stop();
    await this.publisher?.stop();
    for (const subscription of this.served) subscription.unsubscribe();
    this.directory.stop();
    await this.lease.release();
    await this.nc.drain().catch(() => undefined);
  }
}
