import { join, resolve } from 'node:path';
import { DATA_DIR_RECORDINGS_DIR, DATA_DIR_SQLITE_FILE, inferStorageDriver } from './config-schema.js';
import { isPlainObject } from './plain-object.js';

/** The environment as loadConfig reads it (compatible with `process.env`). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The result of applying environment overrides: the new raw config and any bad variables. */
export interface EnvOverrides {
  config: unknown;
  issues: string[];
}

const PORT_VARIABLES = [
  ['CALLWIRE_API_PORT', 'api'],
  ['CALLWIRE_WEB_PORT', 'web'],
] as const;

/**
 * Applies CALLWIRE_HOST, CALLWIRE_API_PORT, CALLWIRE_WEB_PORT and
 * CALLWIRE_DATA_DIR over a raw (not yet validated) config, returning a new
 * value. Empty variables count as unset. A bad value is reported as
 * `NAME: problem` and not applied. CALLWIRE_DATA_DIR (relative to `cwd`)
 * moves the SQLite file and the recordings only where the config did not
 * give their paths. If a section the override writes into is not an object,
 * the override is skipped; validation reports that section.
 */
export function applyEnvOverrides(raw: unknown, env: Environment, cwd: string): EnvOverrides {
  const issues: string[] = [];
  if (!isPlainObject(raw)) return { config: raw, issues };
  const config = structuredClone(raw);

  const host = variable(env, 'CALLWIRE_HOST');
  if (host !== undefined) {
    const server = section(config, 'server');
    if (server) server.host = host;
  }

  for (const [name, part] of PORT_VARIABLES) {
    const value = variable(env, name);
    if (value === undefined) continue;
    const port = parsePort(value);
    if (port === undefined) {
      issues.push(`${name}: expected an integer port 0-65535, got '${value}'`);
      continue;
    }
    const server = section(config, 'server');
    const target = server && section(server, part);
    if (target) target.port = port;
  }

  const dataDir = variable(env, 'CALLWIRE_DATA_DIR');
  if (dataDir !== undefined) {
    const dir = resolve(cwd, dataDir);
    const storage = section(config, 'storage');
    if (storage && storage.path === undefined && inferStorageDriver(storage) === 'sqlite') {
      storage.driver = 'sqlite';
      storage.path = join(dir, DATA_DIR_SQLITE_FILE);
    }
    const recordings = section(config, 'recordings');
    if (recordings && recordings.path === undefined) recordings.path = join(dir, DATA_DIR_RECORDINGS_DIR);
  }

  return { config, issues };
}

function variable(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function parsePort(value: string): number | undefined {
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port <= 65535 ? port : undefined;
}

/** The object at `parent[key]`, created when absent; undefined when something else is there. */
function section(parent: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const existing = parent[key];
  if (existing === undefined) {
    const created: Record<string, unknown> = {};
    parent[key] = created;
    return created;
  }
  return isPlainObject(existing) ? existing : undefined;
}
