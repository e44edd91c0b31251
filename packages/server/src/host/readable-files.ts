import { accessSync, constants, statSync } from 'node:fs';
import type { CallwireConfig } from '../config/index.js';

/** `server.tls.cert` and `.key` (resolved paths) must be files the server can read: one line per one that is not. */
export function tlsFileProblems(server: CallwireConfig['server']): string[] {
  if (!server.tls) return [];
  const files = [
    ['server.tls.cert', server.tls.cert, 'the certificate (PEM)'],
    ['server.tls.key', server.tls.key, 'the private key (PEM)'],
  ] as const;
  return files.flatMap(([key, path, what]) => {
    const problem = unreadable(path);
    return problem === undefined ? [] : [`${key}: cannot read ${path}: ${problem}; give the path of ${what}, relative to the config file`];
  });
}

function unreadable(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return 'not a file';
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
  }
}
