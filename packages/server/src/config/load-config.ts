import { dirname, resolve } from 'node:path';
import { configSchema, type CallwireConfig } from './config-schema.js';
import { ConfigError } from './config-error.js';
import { deepFreeze } from './deep-freeze.js';
import { dropEmptySettings } from './empty-sections.js';
import { applyEnvOverrides, type Environment } from './env-overrides.js';
import { formatZodIssues } from './issue-format.js';
import { readConfigFile } from './read-config-file.js';
import { resolveConfigPaths } from './resolve-paths.js';

/** Where loadConfig looks. Every field is optional. */
export interface LoadConfigOptions {
  /** The config file (YAML or JSON); relative to `cwd`. Default: CALLWIRE_CONFIG, else no file. */
  file?: string;
  /** Environment variables to read. Default: `process.env`. */
  env?: Environment;
  /** Directory for a relative `file`, CALLWIRE_DATA_DIR, and paths when there is no file. Default: `process.cwd()`. */
  cwd?: string;
}

/**
 * Loads the Callwire config: the file (if any), then environment overrides
 * (CALLWIRE_HOST, CALLWIRE_API_PORT, CALLWIRE_WEB_PORT, CALLWIRE_DATA_DIR),
 * then defaults; validates it; resolves relative paths against the file's
 * directory (or `cwd` without a file). The result is deeply frozen.
 *
 * @throws ConfigError listing every problem, one `path: problem` line each.
 */
export function loadConfig(options: LoadConfigOptions = {}): CallwireConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const named = options.file ?? (env.CALLWIRE_CONFIG?.trim() || undefined);
  const file = named === undefined ? undefined : resolve(cwd, named);

  const raw = dropEmptySettings(file === undefined ? {} : readConfigFile(file));
  const { config, issues: envIssues } = applyEnvOverrides(raw, env, cwd);
  const parsed = configSchema.safeParse(config, { reportInput: true });
  const issues = [...(parsed.success ? [] : formatZodIssues(parsed.error, '', configSchema)), ...envIssues];
  if (!parsed.success || issues.length > 0) throw ConfigError.invalid(file, issues);

  return deepFreeze(resolveConfigPaths(parsed.data, file === undefined ? cwd : dirname(file)));
}
