/**
 * The Callwire config: schema, loader and error reporting.
 * `loadConfig()` is what the host calls; `formatZodIssues()` reports a
 * plugin's invalid options in the same style as the rest of the file.
 */
export { configSchema, defaultPlugins, LOG_LEVELS, TERMINOLOGY_KEYS, type CallwireConfig, type CallwireConfigInput } from './config-schema.js';
export { ConfigError } from './config-error.js';
export { loadConfig, readConfig, type ConfigReading, type LoadConfigOptions } from './load-config.js';
export type { Environment } from './env-overrides.js';
export { formatIssuePath, formatZodIssues, type IssuePath } from './issue-format.js';
export { hideSecret } from './hide-secret.js';
export { resolveConfigPaths } from './resolve-paths.js';
