import { open, rename, unlink, writeFile, type FileHandle } from 'node:fs/promises';

interface Job {
  readonly kind: 'append' | 'rewrite';
  readonly text: string;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Appends lines to one file, in order. Lines asked for while a write is in
 * flight go out together in the next write, so a busy core pays one write
 * for many lines, not an open, a write and a close each. `rewrite` replaces
 * the whole file (a new file renamed over it, so a crash leaves the old one
 * or the new one), in order with the appends.
 */
export class LineAppender {
  private handle: FileHandle | undefined;
  private readonly jobs: Job[] = [];
  private running: Promise<void> | undefined;

  constructor(readonly path: string) {}

  /** Resolves once `line` is written (to the page cache: what survives a process crash). */
  append(line: string): Promise<void> {
    return this.queue('append', `${line}\n`);
  }

  /** Resolves once the file holds exactly `lines`. */
  rewrite(lines: readonly string[]): Promise<void> {
    return this.queue('rewrite', lines.map((line) => `${line}\n`).join(''));
  }

  /** Waits for what is queued, then closes the file; `remove`: and deletes it. */
  async close(remove = false): Promise<void> {
    while (this.running) await this.running;
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    if (remove) await unlink(this.path).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  private queue(kind: Job['kind'], text: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.jobs.push({ kind, text, resolve, reject });
      this.running ??= this.drain().finally(() => (this.running = undefined));
    });
  }

  private async drain(): Promise<void> {
    while (this.jobs.length > 0) {
      // the appends up to the next rewrite go in one write; a rewrite alone
      const next = this.jobs[0]!;
      const end = next.kind === 'rewrite' ? 1 : indexOrLength(this.jobs, (job) => job.kind === 'rewrite');
      const batch = this.jobs.splice(0, end);
      try {
        if (next.kind === 'rewrite') await this.replace(next.text);
        else {
          this.handle ??= await open(this.path, 'a');
          await this.handle.write(batch.map((job) => job.text).join(''));
        }
        for (const job of batch) job.resolve();
      } catch (err) {
        // the file may be gone or broken: opened afresh by the next write
        await this.handle?.close().catch(() => undefined);
        this.handle = undefined;
        for (const job of batch) job.reject(err);
      }
    }
  }

  private async replace(text: string): Promise<void> {
    const fresh = `${this.path}.new`;
    await writeFile(fresh, text);
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    await rename(fresh, this.path);
  }
}

function indexOrLength<T>(items: readonly T[], test: (item: T) => boolean): number {
  const index = items.findIndex(test);
  return index === -1 ? items.length : index;
}
