import type { PluginKind } from '@callwire/plugin-api';
import { ConfigError, type CallwireConfig } from '../config/index.js';
import { PluginRunner, type PluginPorts } from '../plugins/plugin-runner.js';
import { DEFAULT_RESTART } from '../plugins/restart-policy.js';
import { preparePlugins } from './prepare-plugins.js';

const STAGES: readonly PluginKind[] = ['recorder', 'input', 'extension'];

/**
 * Loads, validates, creates, starts and stops the `plugins:` of the config,
 * each in a PluginRunner that restarts it when it fails. A plugin that cannot
 * be loaded is logged with its id and left out; bad options are a config
 * error, reported for every plugin at once before anything starts.
 */
export class PluginHost {
  private runners: PluginRunner[] = [];
  private readonly unloadable: { readonly id: string; readonly reason: string }[] = [];

  constructor(private readonly ports: PluginPorts) {}

  /** Creates every enabled plugin (recorders' cores are registered as they are created). */
  async create(entries: CallwireConfig['plugins']): Promise<void> {
    const { prepared, unloadable, optionIssues } = await preparePlugins(entries);
    for (const { index, use, reason } of unloadable) {
      this.ports.log.error({ plugin: use }, `plugins[${index}] (${use}) is left out: ${reason}`);
      this.unloadable.push({ id: use, reason: `could not be loaded: ${reason}` });
    }
    if (optionIssues.length > 0) throw ConfigError.list('invalid plugin options:', optionIssues);
    for (const plugin of prepared) {
      const runner = new PluginRunner(plugin, { ...DEFAULT_RESTART, ...entries[plugin.index]?.restart }, this.ports);
      this.runners.push(runner);
      await runner.create();
    }
  }

  /** Starts recorders, then inputs, then extensions (those of `kinds`, all by default), each in config order. */
  async start(kinds: readonly PluginKind[] = STAGES): Promise<void> {
    for (const stage of STAGES.filter((kind) => kinds.includes(kind))) {
      for (const runner of this.runners.filter((r) => r.kind === stage)) await runner.start();
    }
  }

  /**
   * Stops the plugins of the given kinds (all by default) in the reverse of
   * start order; one plugin's failure does not stop the others'. The host
   * stops inputs and extensions first, ends the calls in progress, then
   * stops the recorders.
   */
  async stop(kinds: readonly PluginKind[] = STAGES): Promise<void> {
    const order = STAGES.filter((stage) => kinds.includes(stage)).flatMap((stage) => this.runners.filter((r) => r.kind === stage)).reverse();
    for (const runner of order) await runner.stop();
    this.runners = this.runners.filter((r) => !order.includes(r));
  }

  /** Configured plugins that are not running, each with the reason. */
  failures(): { readonly id: string; readonly reason: string }[] {
    const failing = this.runners.flatMap((r) => {
      const problem = r.problem();
      return problem === undefined ? [] : [{ id: r.id, reason: problem }];
    });
    return [...this.unloadable, ...failing];
  }

  /** Ids of the plugins that are running. */
  ids(): string[] {
    return this.runners.filter((r) => r.state === 'running' || r.state === 'created').map((r) => r.id);
  }
}
