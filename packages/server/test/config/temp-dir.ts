import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh temporary directory for one test, removed by `remove()`. */
export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'callwire-config-'));

  /** Writes `content` to `name` (subdirectories created) and returns its absolute path. */
  write(name: string, content: string): string {
    const file = join(this.path, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  }

  /** The absolute path of `name` inside the directory. */
  join(...names: string[]): string {
    return join(this.path, ...names);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
