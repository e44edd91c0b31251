import type { PluginKind } from '@callwire/plugin-api';
import type { CallwireConfig } from '../config/index.js';

/** Which process a config is for: an API node (`callwire start`) or a recorder-core process (`callwire core`). */
export type ProcessRole = 'server' | 'core';

/**
 * What a `cluster` section needs from the rest of the config: every node
 * shares one PostgreSQL; recorder plugins run in `callwire core` processes
 * and input and extension plugins on the API nodes.
 */
export function clusterProblems(config: CallwireConfig, kinds: ReadonlyMap<number, PluginKind>, role: ProcessRole): string[] {
  const problems: string[] = [];
  if (config.cluster === undefined) {
    if (role === 'core') problems.push('cluster: required by callwire core, which serves its recorders to the API nodes over NATS');
    return problems;
  }
  if (config.storage.driver !== 'postgres') {
    problems.push(`cluster: needs storage.driver postgres, which every node shares (storage is ${config.storage.driver}); set storage: { driver: postgres, url: postgres://… }`);
  }
  for (const [index, kind] of kinds) {
    const plugin = `plugins[${index}] (${config.plugins[index]?.use})`;
    if (role === 'core' && kind !== 'recorder') problems.push(`${plugin}: a core process runs recorder plugins only; run this ${kind} plugin on the API nodes`);
    if (role === 'server' && kind === 'recorder') {
      problems.push(`${plugin}: in a cluster, recorder plugins run in 'callwire core' processes; list this API node's plugins without it (plugins: [] for none)`);
    }
  }
  return problems;
}
