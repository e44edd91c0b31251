import { isAbsolute, resolve } from 'node:path';
import type { CallwireConfig } from './config-schema.js';

/** A plugin `use` that names a file rather than a package: `./x`, `../x` (either slash). */
const RELATIVE_SPECIFIER = /^\.\.?[\\/]/;

/**
 * Returns a copy of `config` with its relative paths made absolute against
 * `baseDir` (the config file's directory, or the working directory when there
 * is no file): the SQLite file (`:memory:` is kept), the recordings
 * directory, the TLS cert and key, and plugin `use` values starting with
 * `./` or `../`. Bare plugin names and npm package names are kept.
 */
export function resolveConfigPaths(config: CallwireConfig, baseDir: string): CallwireConfig {
  const at = (path: string) => (isAbsolute(path) ? path : resolve(baseDir, path));
  const { storage, server } = config;
  return {
    ...config,
    server: server.tls ? { ...server, tls: { ...server.tls, cert: at(server.tls.cert), key: at(server.tls.key) } } : server,
    storage:
      storage.driver === 'sqlite' && storage.path !== ':memory:' ? { ...storage, path: at(storage.path) } : storage,
    recordings: { ...config.recordings, path: at(config.recordings.path) },
    plugins: config.plugins.map((plugin) =>
      RELATIVE_SPECIFIER.test(plugin.use) ? { ...plugin, use: resolve(baseDir, plugin.use) } : plugin,
    ),
  };
}
