import type { Logger } from 'pino';
import type { z } from 'zod';
import type { CallService } from '../calls/call-service.js';
import type { ApiCommand } from '../commands/api-command.js';
import type { Clock } from '../clock.js';
import type { RecorderCore, RecordingSink } from '../cores/recorder-core.js';
import type { EventBus } from '../events/event-bus.js';

/** What a plugin does for the host: turn PBX signals into calls, record, or extend the API. */
export type PluginKind = 'input' | 'recorder' | 'extension';

/**
 * Everything a plugin receives. A plugin never sees the container or another
 * plugin; what it needs is here, typed.
 */
export interface PluginContext<Options = unknown> {
  /** The plugin's id in this deployment: its config `id`, else its name (`smdr`, `smdr#2`). */
  readonly id: string;
  /** The plugin's options, validated against its schema and frozen. */
  readonly options: Readonly<Options>;
  /** A pino logger bound to the plugin's id. */
  readonly log: Logger;
  readonly clock: Clock;
  /** A directory the plugin may keep files in (rejects, state), created on demand. */
  readonly dataDir: string;
  /** Where recordings are written (config `recordings.path`). */
  readonly recordingsPath: string;
  /** The one path for call signals: input plugins call start/stop/update/hold/retrieve here. */
  readonly calls: CallService;
  /** Every documented event; subscribe to follow calls and recordings. */
  readonly events: EventBus;
  /** For recorder plugins: where the core reports a recording it ended by itself. */
  readonly recordings: RecordingSink;
}

/** A running plugin. `stop()` must release every socket, timer and file it holds. */
export interface PluginInstance {
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
  /** API functions this plugin adds (extension plugins), answered like built-in ones. */
  readonly commands?: readonly ApiCommand[];
  /** The recorder core a recorder plugin provides; the scheduler fans commands out to it. */
  readonly core?: RecorderCore;
}

/** What `definePlugin` takes and a plugin package default-exports. */
export interface PluginDefinition<Schema extends z.ZodType = z.ZodType> {
  /** Short name, as written in config `use:` for built-ins (`smdr`, `rtp-recorder`). */
  readonly name: string;
  readonly kind: PluginKind;
  /** The @callwire/core versions the plugin was written for, as a semver range (`^0.1.0`). */
  readonly hostVersion: string;
  /** A zod schema for the plugin's `options`; defaults belong in it. */
  readonly options: Schema;
  create(context: PluginContext<z.output<Schema>>): PluginInstance | Promise<PluginInstance>;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Declares a plugin. Checks the declaration's shape at once, so a mistake is
 * reported where the plugin is written, not when a deployment loads it.
 */
export function definePlugin<Schema extends z.ZodType>(definition: PluginDefinition<Schema>): PluginDefinition<Schema> {
  if (!NAME.test(definition.name)) throw new TypeError(`plugin name '${definition.name}' must be lower-case letters, digits and dashes`);
  if (!['input', 'recorder', 'extension'].includes(definition.kind)) {
    throw new TypeError(`plugin ${definition.name}: kind must be 'input', 'recorder' or 'extension'`);
  }
  if (typeof definition.create !== 'function') throw new TypeError(`plugin ${definition.name}: create must be a function`);
  if (typeof definition.options?.safeParse !== 'function') throw new TypeError(`plugin ${definition.name}: options must be a zod schema`);
  return Object.freeze({ ...definition, [PLUGIN_MARK]: true });
}

const PLUGIN_MARK = Symbol.for('callwire.PluginDefinition');

/** True for a value made by definePlugin (from any copy of @callwire/core). */
export function isPluginDefinition(value: unknown): value is PluginDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PLUGIN_MARK] === true;
}
