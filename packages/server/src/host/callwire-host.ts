import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Container, ContainerModule } from 'inversify';
import {
  ApiDispatcher,
  ApiTimeFormat,
  CallService,
  CancellableTimers,
  callsModule,
  ChatService,
  CoreRegistry,
  DiskSpaceGuard,
  RecordingController,
  RecordingStore,
  commandsModule,
  DEFAULT_TERMINOLOGY,
  directoryModule,
  EventBus,
  exportModule,
  openStorage,
  parseSchedules,
  ScheduleConfigError,
  Scheduler,
  statusModule,
  systemClock,
  systemTimers,
  TOKENS,
  type Clock,
  type EngineSettings,
  type Storage,
  type Timers,
} from '@callwire/core';
import type { Logger } from 'pino';
import { ApiServer } from '../api-server/api-server.js';
import { ConfigError, type CallwireConfig } from '../config/index.js';
import { mailModule } from '../email/mail-module.js';
import type { AudioStreamEndpoint } from '../audio/attach-audio-stream.js';
import type { EventStreamEndpoint } from '../events/attach-event-stream.js';
import type { WebServer } from '../web/web-server.js';
import { PluginHost } from './plugin-host.js';
import { callSignals } from '../plugins/call-signals.js';
import { pluginFaults } from '../plugins/plugin-faults.js';
import type { PluginPorts } from '../plugins/plugin-runner.js';
import { healthRoute } from '../web/health-route.js';
import { attachMonitorApi } from '../monitor/api/attach-monitor-api.js';
import { hostHealth } from './host-health.js';
import { buildWebDoors, configureAdministration } from './web-doors.js';
import { withTimeout } from './with-timeout.js';
import { ClusterLink } from '../cluster/cluster-link.js';
import type { ClusterNode, EngineParts } from '../cluster/cluster-node.js';
import type { SnapshotSwitch } from '../cluster/snapshot-switch.js';

const STOP_TIMEOUT_MS = 10_000;

/** Where a started host listens (real ports, also when the config said 0). */
export interface HostAddresses {
  readonly api: AddressInfo;
  readonly web: AddressInfo;
  /** HTTPS, when `server.tls` is configured. */
  readonly tls?: AddressInfo;
}

/** The engine's time, for tests that drive it: a `ManualClock` as both (the wall clock and Node's timers by default). */
export interface HostTime {
  readonly clock?: Clock;
  readonly timers?: Timers;
}

/**
 * The composition root: the only place that builds the container and calls
 * `container.get`. Starts in stages — storage, core, plugins (recorders,
 * inputs, extensions), then the listening servers — and stops in reverse.
 */
export class CallwireHost {
  private constructor(
    readonly config: CallwireConfig,
    readonly container: Container,
    readonly addresses: HostAddresses,
    private readonly parts: {
      storage: Storage; plugins: PluginHost; api: ApiServer; web: WebServer; events: EventStreamEndpoint; audio: AudioStreamEndpoint;
      calls: CallService; chats: ChatService; store: RecordingStore; timers: CancellableTimers;
      /** This node's place in the cluster, when the config has one. */
      node?: ClusterNode;
    },
    private readonly log: Logger,
  ) {}

  /** Starts everything the config describes; on failure, stops what had started and rethrows. */
  static async start(config: CallwireConfig, log: Logger, time: HostTime = {}): Promise<CallwireHost> {
    const scheduler = new Scheduler(schedulesOf(config), { timeZone: config.timezone });
    const storage = await openStorage(config.storage);
    const cleanups: (() => Promise<void>)[] = [() => storage.close()];
    try {
      const dataDir = dirname(config.recordings.path);
      const settings: EngineSettings = {
        recordingsPath: config.recordings.path, callList: config.callList, minFreeMb: config.recordings.minFreeMb,
        recordingJournalPath: join(dataDir, 'recording-journal.jsonl'),
        events: config.events,
        // A core can outlive the engine node that ordered its recordings: keys name their engine.
        recordingKeyPrefix: config.cluster ? `${config.cluster.node}.${Date.now().toString(36)}.` : undefined,
      };

      const timers = new CancellableTimers(time.timers ?? systemTimers);
      const container = new Container();
      container.load(
        new ContainerModule(({ bind }) => {
          bind(TOKENS.Logger).toConstantValue(log);
          bind(TOKENS.Clock).toConstantValue(time.clock ?? systemClock);
          bind(TOKENS.Timers).toConstantValue(timers);
          bind(TOKENS.Storage).toConstantValue(storage);
          bind(TOKENS.TimeFormat).toConstantValue(new ApiTimeFormat(config.timezone));
          bind(Scheduler).toConstantValue(scheduler);
          bind(TOKENS.Settings).toConstantValue(settings);
        }),
        commandsModule,
        callsModule,
        statusModule,
        directoryModule,
        exportModule({ authRequired: config.auth.required }),
        mailModule(config.email, log.child({ component: 'mail' })),
      );

      const cluster = config.cluster ? await ClusterLink.connect(config.cluster, container, dataDir, log) : undefined;
      if (cluster) cleanups.unshift(() => cluster.close());
      const store = container.get(RecordingStore);
      // In a cluster, the engine node recovers what an engine left open, when it takes the lease.
      if (!cluster) await store.open();
      await storage.terminology.setMany({ ...DEFAULT_TERMINOLOGY, ...config.terminology });

      const dispatcher = container.get(ApiDispatcher);
      const plugins = new PluginHost(pluginPorts(container, dispatcher, log, { dataDir, recordingsPath: config.recordings.path }));
      pluginFaults.install(log);
      cleanups.unshift(async () => {
        await plugins.stop();
        pluginFaults.uninstall();
      });
      await plugins.create(config.plugins);
      // In a cluster the input plugins start on the engine node only, when it takes the lease.
      await plugins.start(cluster ? ['recorder'] : undefined);

      const { server } = config;
      configureAdministration(config, container); // before any door opens: administration is refused until then
      const bus = container.get(EventBus);
      const api = new ApiServer({ host: server.host, allow: server.allow, ...server.api }, dispatcher, log.child({ component: 'api' }), bus);
      const apiAddress = await api.listen();
      cleanups.unshift(() => api.close());
      const { web, events, audio } = buildWebDoors(config, container, dispatcher, log);
      const disk = config.recordings.minFreeMb > 0 ? container.get(DiskSpaceGuard) : undefined;
      const health = () => hostHealth({ plugins, cores: container.get(CoreRegistry), disk });
      web.route('/healthz', healthRoute(health), { open: true });
      attachMonitorApi(web, {
        storage, clock: container.get<Clock>(TOKENS.Clock), cores: container.get(CoreRegistry), health,
        recordingsPath: config.recordings.path, minFreeMb: config.recordings.minFreeMb,
        plugins: () => ({ running: plugins.ids(), failed: plugins.failures() }),
      });
      cleanups.unshift(() => events.close(), () => audio.close());
      const { web: webAddress, tls: tlsAddress } = await web.listen();
      const node = cluster ? await cluster.join(enginePartsOf(container, dispatcher, store, plugins, settings.recordingKeyPrefix ?? '')) : undefined;

      const https = tlsAddress ? `, HTTPS on ${tlsAddress.address}:${tlsAddress.port}` : '';
      log.info({ pid: process.pid, api: apiAddress, web: webAddress, tls: tlsAddress, plugins: plugins.ids() },
        `Callwire ready: XML API on ${apiAddress.address}:${apiAddress.port}, web on ${webAddress.address}:${webAddress.port}${https}`);
      return new CallwireHost(config, container, { api: apiAddress, web: webAddress, tls: tlsAddress }, {
        storage, plugins, api, web, events, audio, calls: container.get(CallService), chats: container.get(ChatService), store, timers, node,
      }, log);
    } catch (err) {
      for (const cleanup of cleanups) await cleanup().catch(() => undefined);
      throw err;
    }
  }

  /** The plugins running now, and those that failed with why. */
  pluginStates(): { running: string[]; failed: readonly { readonly id: string; readonly reason: string }[] } {
    return { running: this.parts.plugins.ids(), failed: this.parts.plugins.failures() };
  }

  /**
   * Stops without losing a call: inputs (and extensions) first, so no new
   * signal arrives; then every call and chat in progress ends as CALLSTOP
   * would — files finished by their cores, rows stored, CALLSTOP,
   * RECORDINGSTOPPED and RECORDINGUPDATE published to the subscribers still
   * connected; then the recorders, the listeners, the outbox; then the
   * engine's pending timers are cancelled and storage closes.
   * Each step has a time limit.
   */
  async stop(): Promise<void> {
    const { plugins, calls, chats, events, audio, web, api, store, timers, storage, node } = this.parts;
    const steps: [string, () => Promise<void>][] = [
      ['input plugins', () => plugins.stop(['input', 'extension'])],
      ['calls in progress', async () => {
        const ended = (await calls.endAll('Callwire is stopping')) + (await chats.stopAll());
        if (ended > 0) this.log.info({ ended }, `ended ${ended} call(s) and chat session(s) in progress`);
      }],
      ['recorder plugins', () => plugins.stop(['recorder'])],
      ['cluster', async () => node?.leave()],
      ['event stream', () => events.close()],
      ['audio stream', () => audio.close()],
      ['web server', () => web.close()],
      ['API server', () => api.close()],
      ['recording outbox', () => store.drain()],
      ['engine timers', async () => timers.cancelAll()],
      ['storage', () => storage.close()],
    ];
    for (const [what, step] of steps) {
      try {
        await withTimeout(step(), STOP_TIMEOUT_MS, `stopping the ${what}`);
      } catch (err) {
        this.log.error({ err }, `stopping the ${what} failed: ${(err as Error).message}`);
      }
    }
    pluginFaults.uninstall();
    this.log.info('Callwire stopped');
  }
}

function enginePartsOf(container: Container, dispatcher: ApiDispatcher, store: RecordingStore, plugins: PluginHost, recordingKeyPrefix: string): EngineParts {
  return {
    dispatcher, store, plugins, recordingKeyPrefix,
    bus: container.get(EventBus), calls: container.get(CallService), controller: container.get(RecordingController), cores: container.get(CoreRegistry),
    snapshot: container.get<SnapshotSwitch>(TOKENS.CallSnapshotSource),
  };
}

/** What plugins are bound to: the engine behind the plugin API's facades. */
function pluginPorts(container: Container, dispatcher: ApiDispatcher, log: Logger, paths: PluginPorts['paths']): PluginPorts {
  const cores = container.get(CoreRegistry);
  const controller = container.get(RecordingController);
  return {
    log, paths, faults: pluginFaults,
    clock: container.get<Clock>(TOKENS.Clock),
    timers: container.get<Timers>(TOKENS.Timers),
    calls: callSignals(container.get(CallService)),
    bus: container.get(EventBus),
    recordings: { recordingEnded: (key, stopped, reason) => controller.recordingEnded(key, stopped, reason) },
    addCore(core) {
      cores.add(core);
      return async () => {
        cores.remove(core);
        await controller.coreLeft(core, `recorder core ${core.coreIdent} left (its plugin stopped or failed)`);
      };
    },
    addCommand: (command) => dispatcher.add(command),
  };
}

/** The config's schedules, compiled; a bad one is a config error listing every problem. */
function schedulesOf(config: CallwireConfig) {
  try {
    return parseSchedules(config.schedules);
  } catch (err) {
    if (err instanceof ScheduleConfigError) throw ConfigError.list('invalid schedules:', err.issues);
    throw err;
  }
}
