import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One file of the monitor page, read once at start-up. */
export interface MonitorAsset {
  /** The path it is served at. */
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** A strong ETag of the content, so a reload revalidates instead of downloading again. */
  readonly etag: string;
}

/**
 * The page's files live in `packages/server/monitor/`, outside `src`, because
 * tsc copies no non-TypeScript files; from the compiled `dist/src/monitor/`
 * that folder is three levels up, in the source tree and in an installed package alike.
 */
const ASSET_DIR = new URL('../../../monitor/', import.meta.url);

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The page at `/` and every script module and stylesheet of the folder at
 * `/monitor/NAME` (the modules import each other by relative URL; no bundler).
 */
function pageFiles(): { path: string; file: string; contentType: string }[] {
  let names: string[];
  try {
    names = readdirSync(ASSET_DIR).sort();
  } catch {
    names = [];
  }
  const files = names.flatMap((file) => {
    const type = TYPES[file.slice(file.lastIndexOf('.'))];
    return type === undefined ? [] : [{ path: `/monitor/${file}`, file, contentType: type }];
  });
  return [{ path: '/', file: 'index.html', contentType: 'text/html; charset=utf-8' }, ...files];
}

/** Reads the page's files; a missing file is an install problem and fails start-up, naming it. */
export function readMonitorAssets(): MonitorAsset[] {
  return pageFiles().map(({ path, file, contentType }) => {
    const location = new URL(file, ASSET_DIR);
    let body: Buffer;
    try {
      body = readFileSync(location);
    } catch (err) {
      throw new Error(`the live monitor's file ${fileURLToPath(location)} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); reinstall @callwire/server`);
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    return { path, contentType, body, etag };
  });
}
