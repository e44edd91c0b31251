import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The file under the plugin's data directory that rejected lines are appended to. */
export const REJECTS_FILE = 'rejects.log';

/**
 * Lines that could not be recorded, one per line of the file:
 * `<ISO time>\t<source>\t<reason>\t<line as received>`, so `cut -f4-`
 * gives back the lines to feed again once the cause is fixed.
 */
export class RejectsFile {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, REJECTS_FILE);
  }

  /** Appends one entry per line of `text` (a merged record may span several lines). */
  async append(at: number, source: string, reason: string, text: string): Promise<void> {
    const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
    const entries = text.split('\n').map((line) => `${new Date(at).toISOString()}\t${clean(source)}\t${clean(reason)}\t${line.replace(/\r/g, '')}\n`);
    await appendFile(this.path, entries.join(''), 'utf8');
  }
}
