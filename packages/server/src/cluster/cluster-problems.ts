import type { CallwireConfig } from '../config/index.js';

/** What a `cluster` section needs from the rest of the config: every node shares one PostgreSQL. */
export function clusterProblems(config: CallwireConfig): string[] {
  if (config.cluster === undefined || config.storage.driver === 'postgres') return [];
  return [
    `cluster: needs storage.driver postgres, which every node shares (storage is ${config.storage.driver}); set storage: { driver: postgres, url: postgres://… }`,
  ];
}
