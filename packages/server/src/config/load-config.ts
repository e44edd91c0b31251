import { dirname, resolve } from 'node:path';
import { configSchema, type CallwireConfig } from './config-schema.js';
import { ConfigError } from './config-error.js';
import { deepFreeze } from './deep-freeze.js';
import { dropEmptySettings } from './empty-sections.js';
import { applyEnvOverrides, type Environment } from './env-overrides.js';
import { hideSecret } from './hide-secret.js';
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

/** A config file read and judged by its schema: what `validateConfig` builds on. */
export interface ConfigReading {
  /** The absolute path of the file, when there is one: the one way the file is named in messages. */
  readonly file: string | undefined;
  /** Where relative paths in it are resolved: the file's directory, else `cwd`. */
  readonly baseDir: string;
  /** The file's content with the environment overrides applied, not yet validated. */
  readonly raw: unknown;
  /** Every schema and environment problem, one `path: problem` line each. */
  readonly issues: readonly string[];
  /** The validated config with its paths resolved, when there were no issues. */
  readonly config: CallwireConfig | undefined;
}

/**
 * Reads the config file (if any), applies environment overrides, validates it against the schema and
 * returns every problem instead of throwing. A file that cannot be read or parsed still throws.
 */
export function readConfig(options: LoadConfigOptions = {}): ConfigReading {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const named = options.file ?? (env.CALLWIRE_CONFIG?.trim() || undefined);
  const file = named === undefined ? undefined : resolve(cwd, named);
  const baseDir = file === undefined ? cwd : dirname(file);

  const raw = dropEmptySettings(file === undefined ? {} : readConfigFile(file));
  const { config: overridden, issues: envIssues } = applyEnvOverrides(raw, env, cwd);
  const config = withoutLocalRecorders(overridden);
  const parsed = configSchema.safeParse(config, { reportInput: true });
  const issues = [...(parsed.success ? [] : formatZodIssues(parsed.error, '', configSchema)), ...envIssues].map(hideSecret);
  const valid = parsed.success && issues.length === 0;
  return { file, baseDir, raw: config, issues, config: valid ? deepFreeze(resolveConfigPaths(parsed.data, baseDir)) : undefined };
}

/**
 * A cluster's processes have no default plugins: the single process's
 * default (a local recorder) is what a cluster's API node refuses, and a
 * `callwire core` process lists its recorders itself.
 */
function withoutLocalRecorders(config: unknown): unknown {
  const sections = config as Record<string, unknown> | null;
  if (typeof sections !== 'object' || sections === null || sections['cluster'] === undefined || 'plugins' in sections) return config;
  return { ...sections, plugins: [] };
}

/**
 * Loads the Callwire config: the file (if any), then environment overrides
 * (CALLWIRE_HOST, CALLWIRE_API_PORT, CALLWIRE_WEB_PORT, CALLWIRE_DATA_DIR),
 * then defaults; validates it against the schema; resolves relative paths against the file's
 * directory (or `cwd` without a file). The result is deeply frozen. Schedules, plugin options,
 * files and ports are checked by `validateConfig` (src/host), which `callwire start` and
 * `callwire config check` run.
 *
 * @throws ConfigError listing every problem, one `path: problem` line each.
 */
export function loadConfig(options: LoadConfigOptions = {}): CallwireConfig {
  const { file, issues, config } = readConfig(options);
  if (config === undefined) throw ConfigError.invalid(file, issues);
  return config;
}
