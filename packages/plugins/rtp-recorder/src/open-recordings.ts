import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PluginContext } from '@callwire/plugin-api';
import { repairWavHeader, type WavFormat } from '@callwire/plugin-kit';

/** Markers checked at once at start-up. */
const REPAIR_CONCURRENCY = 8;
/** Files named in the repair log line; the count is always there. */
const NAMED_IN_LOG = 20;

/** What a marker file holds: the recording's file, its format, and the process writing it. */
interface Marker {
  readonly file: string;
  readonly channels: number;
  readonly sampleRate: number;
  readonly pid: number;
}

/** What start-up repair did. */
export interface RepairReport {
  /** Recordings left open by an earlier run whose file was checked. */
  readonly checked: number;
  /** Of those, the ones whose header was rewritten. */
  readonly repaired: readonly string[];
  /** Left alone: still open by another live process sharing the directory. */
  readonly live: number;
}

/**
 * The recordings a core has open, kept on disk so that the next run knows
 * which files a crash cut off: one small marker file per recording in the
 * plugin's data directory, written when its WAV file is created and removed
 * once the file is closed with its real sizes. At start-up the markers
 * left behind name exactly the interrupted files — no more than the core
 * had channels — so repair reads a few headers, not the recordings tree.
 */
export class OpenRecordings {
  private made = false;

  /** `dir` undefined: nothing is kept, nothing repaired (a core built without a data directory). */
  constructor(
    private readonly dir: string | undefined,
    private readonly log: PluginContext['log'],
  ) {}

  /** Notes that `file` is being written. */
  async add(file: string, format: WavFormat): Promise<void> {
    if (!this.dir) return;
    if (!this.made) {
      await mkdir(this.dir, { recursive: true });
      this.made = true;
    }
    const marker: Marker = { file, channels: format.channels, sampleRate: format.sampleRate, pid: process.pid };
    await writeFile(this.markerPath(file), JSON.stringify(marker));
  }

  /** Notes that `file` was closed with its real sizes. */
  async remove(file: string): Promise<void> {
    if (!this.dir) return;
    await unlink(this.markerPath(file)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  /**
   * Mends the headers of the recordings an earlier run left open (it was
   * killed, or the machine went down) and forgets them; logs how many were
   * repaired. Never throws: a file that cannot be mended is logged and
   * skipped.
   */
  async repair(): Promise<RepairReport> {
    if (!this.dir) return { checked: 0, repaired: [], live: 0 };
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.json'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn({ err, dir: this.dir }, `cannot read the list of recordings left open: ${(err as Error).message}`);
      return { checked: 0, repaired: [], live: 0 };
    }
    const repaired: string[] = [];
    let checked = 0;
    let live = 0;
    const queue = [...names];
    const worker = async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const outcome = await this.repairOne(join(this.dir!, name));
        if (outcome === 'live') live++;
        else if (outcome !== 'skipped') {
          checked++;
          if (outcome.repaired) repaired.push(outcome.file);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(REPAIR_CONCURRENCY, names.length) }, worker));
    if (checked > 0) {
      this.log[repaired.length > 0 ? 'warn' : 'info'](
        { repaired: repaired.length, checked, files: repaired.slice(0, NAMED_IN_LOG) },
        `repaired the WAV header of ${repaired.length} of ${checked} recording(s) left open by the previous run`,
      );
    }
    if (live > 0) this.log.info({ live }, `${live} recording(s) are still being written by another process; left alone`);
    return { checked, repaired, live };
  }

  private async repairOne(markerPath: string): Promise<{ file: string; repaired: boolean } | 'live' | 'skipped'> {
    let marker: Marker;
    try {
      marker = JSON.parse(await readFile(markerPath, 'utf8')) as Marker;
      if (typeof marker.file !== 'string' || !(marker.channels > 0) || !(marker.sampleRate > 0)) throw new Error('not a marker');
    } catch (err) {
      this.log.warn({ err, marker: markerPath }, `an unreadable note of an open recording was dropped: ${(err as Error).message}`);
      await unlink(markerPath).catch(() => undefined);
      return 'skipped';
    }
    if (marker.pid !== process.pid && isAlive(marker.pid)) return 'live';
    let outcome: { file: string; repaired: boolean } | 'skipped';
    try {
      outcome = { file: marker.file, repaired: (await repairWavHeader(marker.file, marker)) === 'repaired' };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') this.log.info({ file: marker.file }, 'a recording left open by the previous run is gone');
      else this.log.error({ err, file: marker.file }, `the WAV header of a recording left open by the previous run cannot be repaired: ${(err as Error).message}`);
      outcome = 'skipped';
    }
    await unlink(markerPath).catch(() => undefined);
    return outcome;
  }

  private markerPath(file: string): string {
    return join(this.dir!, `${createHash('sha1').update(file).digest('hex').slice(0, 24)}.json`);
  }
}

/** Whether a process with this id runs (EPERM: it does, as another user). */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
