import type { PluginDefinition } from '@callwire/core';
import { formatZodIssues, type CallwireConfig } from '../config/index.js';
import { loadPluginDefinition } from './plugin-loader.js';

/** A plugin entry whose definition loaded and whose options are valid. */
export interface PreparedPlugin {
  /** Its position in `plugins:`. */
  readonly index: number;
  /** `id`, else the plugin's name; made unique with `#2`, `#3` … */
  readonly id: string;
  readonly definition: PluginDefinition;
  /** The folder of the plugin's package: errors whose stack runs through it are the plugin's. */
  readonly root: string | undefined;
  /** The options as the plugin's schema parsed them (defaults filled in), frozen. */
  readonly options: unknown;
}

/** A plugin entry that could not be loaded: the host leaves it out. */
export interface UnloadablePlugin {
  readonly index: number;
  readonly use: string;
  readonly reason: string;
}

/** What `preparePlugins` found. */
export interface PluginPreparation {
  readonly prepared: PreparedPlugin[];
  readonly unloadable: UnloadablePlugin[];
  /** `plugins[i].options.key: problem` lines, one per invalid option. */
  readonly optionIssues: string[];
}

/**
 * Loads every enabled plugin of the config and validates its options against
 * the plugin's own schema, without creating or starting anything. The host
 * starts from this, and `callwire config check` reports from it, so both
 * judge a config the same way.
 */
export async function preparePlugins(entries: CallwireConfig['plugins']): Promise<PluginPreparation> {
  const prepared: PreparedPlugin[] = [];
  const unloadable: UnloadablePlugin[] = [];
  const optionIssues: string[] = [];
  const taken = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    if (!entry.enabled) continue;
    let definition: PluginDefinition;
    let root: string | undefined;
    try {
      ({ definition, root } = await loadPluginDefinition(entry.use));
    } catch (err) {
      unloadable.push({ index, use: entry.use, reason: (err as Error).message });
      continue;
    }
    const parsed = definition.options.safeParse(entry.options, { reportInput: true });
    if (!parsed.success) {
      optionIssues.push(...formatZodIssues(parsed.error, `plugins[${index}].options`, definition.options));
      continue;
    }
    const id = uniqueId(entry.id ?? definition.name, taken);
    prepared.push({ index, id, definition, root, options: deepFreeze(parsed.data) });
  }
  return { prepared, unloadable, optionIssues };
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}#${n}`;
  taken.add(id);
  return id;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
