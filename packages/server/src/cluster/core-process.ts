import { dirname } from 'node:path';
import { CancellableTimers, EventBus, systemClock, systemTimers, type RecorderCore } from '@callwire/core';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { ConfigError, type CallwireConfig } from '../config/index.js';
import { PluginHost } from '../host/plugin-host.js';
import { pluginFaults } from '../plugins/plugin-faults.js';
import { serveCore, type ServedCore } from './core-service.js';
import { serveRecordingFiles } from './file-service.js';
import { connectNats, type ClusterConfig } from './nats-link.js';
import { remoteCallSignals } from './remote-call-signals.js';
import { RemoteRecordingSink } from './remote-recording-sink.js';
import { clusterSubjects } from './subjects.js';

/**
 * `callwire core`: a process that runs recorder plugins only and serves
 * their cores to the API nodes over NATS — each core's contract and
 * announce (core-service.ts), the files it wrote (file-service.ts) — and
 * sends what its plugins report to the engine node: recordings a core ended
 * by itself, and call signals (a SIPREC session starting its call).
 */
export class CoreProcess {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly plugins: PluginHost,
    private readonly sink: RemoteRecordingSink,
    private readonly served: Map<RecorderCore, () => Promise<void>>,
    private readonly log: Logger,
  ) {}

  /** @param config validated for the core role (validateConfig): it has a cluster section and recorder plugins only */
  static async start(config: CallwireConfig, log: Logger): Promise<CoreProcess> {
    const cluster = config.cluster;
    if (!cluster) throw new ConfigError('callwire core needs a cluster section');
    const subjects = clusterSubjects();
    const nc = await connectNats(cluster, log);
    const sink = new RemoteRecordingSink(nc, { subjects, log, requestTimeoutMs: cluster.requestTimeoutMs });
    const served = new Map<RecorderCore, () => Promise<void>>();
    const timers = new CancellableTimers(systemTimers);
    const plugins = new PluginHost({
      log, faults: pluginFaults, clock: systemClock, timers,
      paths: { dataDir: dirname(config.recordings.path), recordingsPath: config.recordings.path },
      calls: remoteCallSignals(nc, subjects.signals, cluster.requestTimeoutMs),
      bus: new EventBus(), // nothing publishes here: the engine's events are the API nodes'
      recordings: sink,
      addCore(core) {
        const contract: ServedCore = serveCore(nc, core, { subjects, node: cluster.node, log });
        const files = serveRecordingFiles(nc, { coreIdent: core.coreIdent, recordingsPath: config.recordings.path, subjects, log });
        const stop = async () => {
          served.delete(core);
          files.unsubscribe();
          await contract.close();
        };
        served.set(core, stop);
        return stop;
      },
      addCommand() {
        throw new Error('a core process answers no API function: run extension plugins on the API nodes');
      },
    });
    pluginFaults.install(log);
    try {
      await plugins.create(config.plugins);
      await plugins.start(['recorder']);
    } catch (err) {
      await plugins.stop().catch(() => undefined);
      await nc.close();
      throw err;
    }
    const idents = [...served.keys()].map((core) => core.coreIdent);
    log.info({ node: cluster.node, cores: idents }, `Callwire core ready: ${cluster.node} serves recorder core(s) ${idents.join(', ') || '(none)'} on NATS`);
    return new CoreProcess(nc, plugins, sink, served, log);
  }

  /** Stops the recorders (their files are finished; the engine hears the cores go), then leaves NATS. */
  async stop(): Promise<void> {
    await this.plugins.stop();
    for (const stop of [...this.served.values()]) await stop();
    await this.sink.close();
    await this.nc.drain().catch(() => undefined);
    pluginFaults.uninstall();
    this.log.info('Callwire core stopped');
  }
}
