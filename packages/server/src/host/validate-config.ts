import { parseSchedules, ScheduleConfigError, type Schedule } from '@callwire/core';
import type { PluginKind } from '@callwire/plugin-api';
import {
  ConfigError, configSchema, hideSecret, readConfig, resolveConfigPaths,
  type CallwireConfig, type ConfigReading, type LoadConfigOptions,
} from '../config/index.js';
import { isPlainObject } from '../config/plain-object.js';
import { defaultSchedules } from '../config/config-schema.js';
import { listeningPortProblems } from './listening-ports.js';
import { preparePlugins, type PluginPreparation } from './prepare-plugins.js';
import { tlsFileProblems } from './readable-files.js';
import { clusterProblems, type ProcessRole } from '../cluster/cluster-problems.js';

/** A config that passed every stage: what `callwire start` runs and `callwire config check` prints. */
export interface ValidatedConfig {
  /** The absolute path of the file, when there is one. */
  readonly file: string | undefined;
  readonly config: CallwireConfig;
  readonly schedules: readonly Schedule[];
  readonly plugins: PluginPreparation;
}

/**
 * The one judgement of a config, shared by `callwire config check` and `callwire start`: the schema
 * (and the environment overrides), the schedules by the scheduler's strict schema, each enabled
 * plugin loaded and its options checked by its own schema, the TLS files readable, and each listening
 * port free to bind. Every stage runs, on every section that passed the schema, so all problems are
 * reported in one run, each `key: problem` line naming the value (unless it is a secret) and the fix.
 * Nothing is started. For `role` core (`callwire core`, which opens no port) the ports are not checked, and the
 * plugins must be recorders (cluster-problems.ts).
 *
 * @throws ConfigError listing every problem under `invalid config <absolute path>:`
 */
export async function validateConfig(options: LoadConfigOptions = {}, role: ProcessRole = 'server'): Promise<ValidatedConfig> {
  const reading = readConfig(options);
  const { config, unusable } = usableConfig(reading);
  const { schedules, problems: scheduleProblems } = compileSchedules(reading.raw);
  const plugins = unusable.has('plugins') ? undefined : await preparePlugins(config.plugins);
  const serverProblems = unusable.has('server') || role === 'core' ? [] : [...tlsFileProblems(config.server), ...(await listeningPortProblems(config.server))];
  const problems = [...reading.issues, ...clusterProblems(reading.config ?? config, pluginKinds(plugins), role), ...scheduleProblems, ...pluginProblems(plugins), ...serverProblems].map(hideSecret);
  if (problems.length > 0 || reading.config === undefined || plugins === undefined) throw ConfigError.invalid(reading.file, problems);
  return { file: reading.file, config: reading.config, schedules, plugins };
}

/**
 * The config to run the later stages on: the valid one, else the defaults with every top-level
 * section that passes the schema on its own; `unusable` names the sections that do not (their
 * problems are in `reading.issues` already).
 */
function usableConfig(reading: ConfigReading): { config: CallwireConfig; unusable: Set<string> } {
  if (reading.config !== undefined) return { config: reading.config, unusable: new Set() };
  const raw = isPlainObject(reading.raw) ? reading.raw : {};
  const unusable = new Set<string>();
  const usable: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(configSchema.shape)) {
    const parsed = schema.safeParse(raw[key]);
    if (parsed.success) usable[key] = parsed.data;
    else unusable.add(key);
  }
  return { config: resolveConfigPaths({ ...configSchema.parse({}), ...usable }, reading.baseDir), unusable };
}

function compileSchedules(raw: unknown): { schedules: Schedule[]; problems: string[] } {
  const entries = isPlainObject(raw) && raw.schedules !== undefined ? raw.schedules : defaultSchedules();
  if (!Array.isArray(entries)) return { schedules: [], problems: [] }; // the schema reported it
  try {
    return { schedules: parseSchedules(entries), problems: [] };
  } catch (err) {
    if (err instanceof ScheduleConfigError) return { schedules: [], problems: err.issues };
    throw err;
  }
}

function pluginKinds(plugins: PluginPreparation | undefined): Map<number, PluginKind> {
  return new Map(plugins?.prepared.map((plugin) => [plugin.index, plugin.definition.kind]));
}

function pluginProblems(plugins: PluginPreparation | undefined): string[] {
  if (plugins === undefined) return [];
  const unloadable = plugins.unloadable.map(({ index, use, reason }) => `plugins[${index}] (${use}): cannot be loaded: ${reason}`);
  return [...unloadable, ...plugins.optionIssues].sort(byPluginIndex);
}

function byPluginIndex(a: string, b: string): number {
  const index = (line: string) => Number(/^plugins\[(\d+)\]/.exec(line)?.[1] ?? 0);
  return index(a) - index(b);
}
