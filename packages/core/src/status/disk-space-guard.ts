import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock } from '../clock.js';

/** The free space of the recordings path against the configured floor. */
export interface DiskSpace {
  readonly freeBytes: number;
  readonly floorBytes: number;
  /** True when free space is below the floor: new calls are refused (API_ERROR_OUT_OF_DISK_SPACE). */
  readonly low: boolean;
}

const MB = 1024 * 1024;

/**
 * Watches the free space of the filesystem that holds the recordings. A
 * reading is reused for `maxAgeMs` so a busy call path costs one statfs a
 * second, not one per call. A disk that cannot be read counts as low: no
 * recording can be written there either.
 */
export class DiskSpaceGuard {
  private last: { at: number; space: DiskSpace } | undefined;
  private reading: Promise<DiskSpace> | undefined;

  constructor(
    private readonly path: string,
    private readonly floorMb: number,
    private readonly clock: Clock,
    private readonly maxAgeMs = 1000,
  ) {}

  /** The current reading (at most `maxAgeMs` old). */
  check(): Promise<DiskSpace> {
    const last = this.last;
    if (last && this.clock.now() - last.at < this.maxAgeMs) return Promise.resolve(last.space);
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  /** The last reading, without waiting (undefined before the first). */
  get latest(): DiskSpace | undefined {
    return this.last?.space;
  }

  /** What RESULTMSG and /healthz say when space is low. */
  describe(space: DiskSpace): string {
    return `the recordings path ${this.path} has ${Math.floor(space.freeBytes / MB)} MB free, below the floor of ${this.floorMb} MB (recordings.minFreeMb)`;
  }

  private async read(): Promise<DiskSpace> {
    const floorBytes = this.floorMb * MB;
    let freeBytes = 0;
    try {
      const disk = await statfsOfNearest(this.path);
      freeBytes = disk.bavail * disk.bsize;
    } catch {
      // unreadable: counted as no space
    }
    const space = { freeBytes, floorBytes, low: freeBytes < floorBytes };
    this.last = { at: this.clock.now(), space };
    return space;
  }
}

/** statfs of the path, or of its nearest existing ancestor while the directory is not made yet. */
export async function statfsOfNearest(path: string) {
  for (let at = path; ; at = dirname(at)) {
    try {
      return await statfs(at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw err;
    }
  }
}
