import { join } from 'node:path';
import { CallService, TOKENS, type RecordingFileSource } from '@callwire/core';
import type { Container } from 'inversify';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { ClusterNode, type EngineParts } from './cluster-node.js';
import { connectNats, type ClusterConfig } from './nats-link.js';
import { RemoteRecordingFiles } from './remote-recording-files.js';
import { SnapshotSwitch } from './snapshot-switch.js';
import { clusterSubjects } from './subjects.js';

/** The exit status of an API node that lost the engine lease to another node (EX_TEMPFAIL: a supervisor starts it again). */
export const EXIT_LEASE_LOST = 75;

/**
 * An API node's cluster side, as the host composes it: the NATS connection,
 * then — before any door opens — the engine bindings that differ in a
 * cluster (the calls-in-progress snapshot, recordings on remote cores), and
 * once the doors are open, the node's place in the cluster.
 */
export class ClusterLink {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly cluster: ClusterConfig,
    private readonly log: Logger,
  ) {}

  /** Connects, and binds what a cluster changes; call after the engine's modules are loaded and before the dispatcher is made. */
  static async connect(cluster: ClusterConfig, container: Container, dataDir: string, log: Logger): Promise<ClusterLink> {
    const nc = await connectNats(cluster, log);
    const subjects = clusterSubjects();
    container.rebind(TOKENS.CallSnapshotSource).toConstantValue(new SnapshotSwitch(container.get(CallService)));
    const files = new RemoteRecordingFiles(nc, { subjects, cacheDir: join(dataDir, 'remote-recordings'), log, timeoutMs: cluster.requestTimeoutMs });
    container.bind<RecordingFileSource>(TOKENS.RecordingFileSource).toConstantValue(files.source);
    return new ClusterLink(nc, cluster, log);
  }

  /**
   * Takes the node's place: following the engine node, competing for its
   * lease. Losing the lease (or failing to start the engine) ends the process at once
   * (EXIT_LEASE_LOST): the calls it had are the new engine node's now, and a
   * clean stop would end them.
   */
  join(parts: EngineParts): Promise<ClusterNode> {
    return ClusterNode.join(this.nc, this.cluster, clusterSubjects(), parts, this.log, (reason) => {
      this.log.fatal({ node: this.cluster.node }, `${this.cluster.node} ${reason}; exiting so that one engine node runs`);
      process.exit(EXIT_LEASE_LOST);
    });
  }

  /** Closes the connection of a node that never joined (its start failed). */
  async close(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.close();
  }
}
