import type { CoreRegistry, DiskSpaceGuard } from '@callwire/core';
import type { PluginHost } from './plugin-host.js';

/** What `/healthz` answers: 200 when `ok`, 503 with the problems otherwise. */
export interface HealthReport {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

export interface HostHealthDeps {
  readonly plugins: Pick<PluginHost, 'failures'>;
  readonly cores: Pick<CoreRegistry, 'all'>;
  /** The recordings disk, when a floor is configured. */
  readonly disk?: Pick<DiskSpaceGuard, 'check' | 'describe'>;
}

/**
 * Whether this Callwire does all its config asks: every configured plugin
 * running, every recorder core able to record, the recordings disk above
 * its floor. A part that is out is named, so a load balancer's 503 tells the
 * operator what to fix.
 */
export async function hostHealth({ plugins, cores, disk }: HostHealthDeps): Promise<HealthReport> {
  const problems = plugins.failures().map(({ id, reason }) => `plugin ${id} is not running: ${reason}`);
  let ok = problems.length === 0;
  for (const core of cores.all()) {
    const health = core.health?.();
    if (!health) continue;
    if (!health.ok) ok = false;
    problems.push(...health.problems.map((problem) => `core ${core.coreIdent}: ${problem}`));
  }
  if (disk) {
    const space = await disk.check();
    if (space.low) {
      ok = false;
      problems.push(disk.describe(space));
    }
  }
  return { ok, problems };
}
