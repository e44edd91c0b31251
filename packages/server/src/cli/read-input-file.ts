import { readFileSync } from 'node:fs';
import { CliError } from './cli-errors.js';

/** A text file the user named, read whole; an unreadable one is a one-line CliError naming it. */
export function readInputFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new CliError(`cannot read ${path}: ${why}`);
  }
}
