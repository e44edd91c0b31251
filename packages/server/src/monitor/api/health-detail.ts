import { statfsOfNearest, type CoreRegistry, type Storage } from '@callwire/core';
import type { HealthReport } from '../../host/host-health.js';

/** What the health panel shows: /healthz's verdict, and each part it judged. */
export interface HealthDetail {
  readonly status: 'ok' | 'degraded';
  readonly problems: readonly string[];
  readonly plugins: { readonly running: readonly string[]; readonly failed: readonly { readonly id: string; readonly reason: string }[] };
  readonly cores: readonly { readonly coreIdent: number; readonly channels: number; readonly busy: number; readonly ok: boolean; readonly problems: readonly string[] }[];
  /** `low`: free space under recordings.minFreeMb (new calls are refused), or unreadable. */
  readonly disk: { readonly path: string; readonly freeBytes: number | null; readonly totalBytes: number | null; readonly low: boolean; readonly error?: string };
  readonly database: { readonly dialect: string; readonly ok: boolean; readonly pingMs: number | null; readonly error?: string };
}

export interface HealthDetailDeps {
  readonly health: () => Promise<HealthReport>;
  readonly plugins: () => { running: readonly string[]; failed: readonly { readonly id: string; readonly reason: string }[] };
  readonly cores: Pick<CoreRegistry, 'all'>;
  readonly storage: Pick<Storage, 'ping' | 'dialect'>;
  /** config `recordings.path` and `recordings.minFreeMb`. */
  readonly recordingsPath: string;
  readonly minFreeMb: number;
}

/** `/monitor/api/health`: /healthz plus the figures behind it (free space of recordings.path, a database ping). */
export async function healthDetail(deps: HealthDetailDeps): Promise<HealthDetail> {
  const [report, disk, database] = await Promise.all([deps.health(), diskOf(deps.recordingsPath, deps.minFreeMb), databaseOf(deps.storage)]);
  const problems = database.ok ? report.problems : [...report.problems, `database: ${database.error}`];
  return {
    status: report.ok && database.ok ? 'ok' : 'degraded',
    problems,
    plugins: deps.plugins(),
    cores: deps.cores.all().map((core) => {
      const channels = core.channels();
      const health = core.health?.() ?? { ok: true, problems: [] };
      return { coreIdent: core.coreIdent, channels: channels.length, busy: channels.filter((c) => c.state !== 'Idle' && c.state !== 'Error').length, ok: health.ok, problems: health.problems };
    }),
    disk,
    database,
  };
}

async function diskOf(path: string, minFreeMb: number): Promise<HealthDetail['disk']> {
  try {
    const fs = await statfsOfNearest(path);
    const freeBytes = fs.bavail * fs.bsize;
    return { path, freeBytes, totalBytes: fs.blocks * fs.bsize, low: freeBytes < minFreeMb * 1024 * 1024 };
  } catch (err) {
    return { path, freeBytes: null, totalBytes: null, low: true, error: (err as Error).message };
  }
}

async function databaseOf(storage: HealthDetailDeps['storage']): Promise<HealthDetail['database']> {
  const started = performance.now();
  try {
    await storage.ping();
    return { dialect: storage.dialect, ok: true, pingMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    return { dialect: storage.dialect, ok: false, pingMs: null, error: (err as Error).message };
  }
}
