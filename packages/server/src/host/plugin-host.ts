import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Container } from 'inversify';
import {
  CallService,
  CoreRegistry,
  EventBus,
  RecordingController,
  TOKENS,
  type ApiCommand,
  type Clock,
  type Timers,
} from '@callwire/core';
import { type BaseContext, type PluginContext, type PluginInstance, type PluginKind, type RecordingSink } from '@callwire/plugin-api';
import type { Logger } from 'pino';
import { ConfigError, type CallwireConfig } from '../config/index.js';
import { preparePlugins, type PreparedPlugin } from './prepare-plugins.js';
import { withTimeout } from './with-timeout.js';
import { callSignals } from '../plugins/call-signals.js';
import { eventSource } from '../plugins/event-source.js';
import { PluginTimers } from '../plugins/plugin-timers.js';

interface RunningPlugin {
  readonly id: string;
  readonly kind: PluginKind;
  readonly instance: PluginInstance;
}

const STAGES: readonly PluginKind[] = ['recorder', 'input', 'extension'];
const TIMEOUT_MS = 10_000;
const PLUGIN_CONTEXT = Symbol('PluginContext');
const PLUGIN_INSTANCE = Symbol('PluginInstance');

/**
 * Loads, validates, creates, starts and stops the `plugins:` of the config.
 * A plugin that cannot be loaded, created or started is logged with its id
 * and left out; the rest run. Bad options are a config error, reported for
 * every plugin at once before anything starts.
 */
export class PluginHost {
  private running: RunningPlugin[] = [];
  /** Configured plugins that are not running, and why (for /healthz). */
  private readonly failed: { readonly id: string; readonly reason: string }[] = [];

  constructor(
    private readonly container: Container,
    private readonly log: Logger,
    private readonly paths: { readonly dataDir: string; readonly recordingsPath: string },
  ) {}

  /** Creates every enabled plugin; returns the API functions they add. */
  async create(entries: CallwireConfig['plugins']): Promise<ApiCommand[]> {
    const prepared = await this.prepare(entries);
    const commands: ApiCommand[] = [];
    for (const plugin of prepared) {
      try {
        const instance = await withTimeout(this.instantiate(plugin), TIMEOUT_MS, `plugin ${plugin.id} create()`);
        if (instance.core) this.container.get(CoreRegistry).add(instance.core);
        this.running.push({ id: plugin.id, kind: plugin.definition.kind, instance });
        commands.push(...(instance.commands ?? []));
      } catch (err) {
        this.log.error({ err, plugin: plugin.id }, `plugin ${plugin.id} could not be created and is left out: ${(err as Error).message}`);
        this.failed.push({ id: plugin.id, reason: `could not be created: ${(err as Error).message}` });
      }
    }
    return commands;
  }

  /** Starts recorders, then inputs, then extensions, each in config order. */
  async start(): Promise<void> {
    for (const stage of STAGES) {
      for (const plugin of this.running.filter((p) => p.kind === stage)) {
        try {
          await withTimeout(plugin.instance.start(), TIMEOUT_MS, `plugin ${plugin.id} start()`);
          this.log.info({ plugin: plugin.id }, `plugin ${plugin.id} started`);
        } catch (err) {
          this.log.error({ err, plugin: plugin.id }, `plugin ${plugin.id} failed to start and is left out: ${(err as Error).message}`);
          this.failed.push({ id: plugin.id, reason: `failed to start: ${(err as Error).message}` });
          if (plugin.instance.core) this.container.get(CoreRegistry).remove(plugin.instance.core);
          this.running = this.running.filter((p) => p !== plugin);
        }
      }
    }
  }

  /**
   * Stops the plugins of the given kinds (all by default) in the reverse of
   * start order; one plugin's failure does not stop the others'. The host
   * stops inputs and extensions first, ends the calls in progress, then
   * stops the recorders.
   */
  async stop(kinds: readonly PluginKind[] = STAGES): Promise<void> {
    const order = STAGES.filter((stage) => kinds.includes(stage)).flatMap((stage) => this.running.filter((p) => p.kind === stage)).reverse();
    for (const plugin of order) {
      try {
        await withTimeout(plugin.instance.stop(), TIMEOUT_MS, `plugin ${plugin.id} stop()`);
      } catch (err) {
        this.log.error({ err, plugin: plugin.id }, `plugin ${plugin.id} did not stop cleanly: ${(err as Error).message}`);
      }
    }
    this.running = this.running.filter((p) => !order.includes(p));
  }

  /** Configured plugins that are not running, each with the reason. */
  failures(): readonly { readonly id: string; readonly reason: string }[] {
    return this.failed;
  }

  /** Ids of the plugins that are running. */
  ids(): string[] {
    return this.running.map((p) => p.id);
  }

  /** Loads and validates the enabled plugins; an unloadable one is logged and left out, bad options stop start-up. */
  private async prepare(entries: CallwireConfig['plugins']): Promise<PreparedPlugin[]> {
    const { prepared, unloadable, optionIssues } = await preparePlugins(entries);
    for (const { index, use, reason } of unloadable) {
      this.log.error({ plugin: use }, `plugins[${index}] (${use}) is left out: ${reason}`);
      this.failed.push({ id: use, reason: `could not be loaded: ${reason}` });
    }
    if (optionIssues.length > 0) throw ConfigError.list('invalid plugin options:', optionIssues);
    return prepared;
  }

  /** Each plugin gets its own child container, so two instances of one plugin never share state. */
  private async instantiate(plugin: PreparedPlugin): Promise<PluginInstance> {
    const child = new Container({ parent: this.container });
    const context = this.contextFor(plugin);
    child.bind(PLUGIN_CONTEXT).toConstantValue(context);
    child.bind(PLUGIN_INSTANCE).toResolvedValue((ctx: PluginContext) => plugin.definition.create(ctx), [PLUGIN_CONTEXT]);
    return child.getAsync<PluginInstance>(PLUGIN_INSTANCE);
  }

  /** What the plugin's kind gets: an input the call path and the event stream, a recorder its sink; nobody the engine. */
  private contextFor(plugin: PreparedPlugin): PluginContext {
    const dataDir = join(this.paths.dataDir, 'plugins', plugin.id.replace(/[^\w.-]/g, '_'));
    const base: BaseContext = {
      id: plugin.id,
      options: plugin.options as Readonly<unknown>,
      log: this.log.child({ plugin: plugin.id }),
      clock: this.container.get<Clock>(TOKENS.Clock),
      timers: new PluginTimers(this.container.get<Timers>(TOKENS.Timers)),
      get dataDir() {
        mkdirSync(dataDir, { recursive: true });
        return dataDir;
      },
      stopping: new AbortController().signal,
    };
    if (plugin.definition.kind === 'recorder') {
      return { ...base, recordingsPath: this.paths.recordingsPath, recordings: recordingSink(this.container.get(RecordingController)) };
    }
    const events = eventSource(this.container.get(EventBus), (err) => this.log.error({ err, plugin: plugin.id }, `plugin ${plugin.id}: an event listener threw: ${(err as Error).message}`));
    return { ...base, calls: callSignals(this.container.get(CallService)), events };
  }
}

/** Only `recordingEnded`: a recorder reports, it does not steer the controller. */
function recordingSink(controller: RecordingController): RecordingSink {
  return { recordingEnded: (key, stopped, reason) => controller.recordingEnded(key, stopped, reason) };
}
