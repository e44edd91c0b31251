import type { z } from 'zod';
import type { CallSignals } from './calls.js';
import type { Clock, Timers } from './clock.js';
import type { PluginCommand } from './command.js';
import type { EventSource } from './events.js';
import type { Logger } from './logger.js';
import type { RecorderCore, RecordingSink } from './recorder-core.js';

/** What a plugin does for the host: turn PBX signals into calls, record, or extend the API. */
export type PluginKind = 'input' | 'recorder' | 'extension';

/** What every plugin receives, whatever its kind. */
export interface BaseContext<Options = unknown> {
  /** The plugin's id in this deployment: its config `id`, else its name (`smdr`, `smdr#2`). */
  readonly id: string;
  /** The plugin's options, validated against its schema and frozen. */
  readonly options: Readonly<Options>;
  /** A pino logger bound to the plugin's id. */
  readonly log: Logger;
  /** The host's clock: read the time here, not from Date.now(), so tests can drive it. */
  readonly clock: Clock;
  /** This plugin's timers: whatever is pending when the plugin stops is cancelled by the host. */
  readonly timers: Timers;
  /** A directory the plugin may keep files in (rejects, state), created on first use. */
  readonly dataDir: string;
  /** Aborted when the plugin is being stopped (or restarted): long waits and retries should end on it. */
  readonly stopping: AbortSignal;
}

/** An input plugin's context: the call path and the event stream. */
export interface InputContext<Options = unknown> extends BaseContext<Options> {
  /** The one path for call signals: start/stop/update/hold/retrieve/transfer here. */
  readonly calls: CallSignals;
  /** Every documented event, to follow calls and recordings; nothing can be published. */
  readonly events: EventSource;
}

/** A recorder plugin's context: where to write and where to report. */
export interface RecorderContext<Options = unknown> extends BaseContext<Options> {
  /** Where recordings are written (config `recordings.path`). */
  readonly recordingsPath: string;
  /** Where the core reports a recording it ended by itself (silence, time limit, media loss). */
  readonly recordings: RecordingSink;
  /**
   * The call path, for a recorder that is also the source of the calls it
   * records (a SIPREC server: the SBC's INVITE is the call). Present only
   * when the definition says `callSource: true`.
   */
  readonly calls?: CallSignals;
}

/** An extension plugin's context: its commands may read calls and events. */
export interface ExtensionContext<Options = unknown> extends InputContext<Options> {}

/** The context of a plugin of kind `Kind`. */
export type PluginContext<Options = unknown, Kind extends PluginKind = PluginKind> = Kind extends 'input'
  ? InputContext<Options>
  : Kind extends 'recorder'
    ? RecorderContext<Options>
    : ExtensionContext<Options>;

/** A running plugin. `stop()` must release every socket and file it holds (timers from `ctx.timers` are the host's to cancel). */
export interface PluginInstance {
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
  /** API functions this plugin adds (extension plugins), answered like built-in ones. */
  readonly commands?: readonly PluginCommand[];
  /** The recorder core a recorder plugin provides; the scheduler fans commands out to it. */
  readonly core?: RecorderCore;
}

/** What `definePlugin` takes and a plugin package default-exports. */
export interface PluginDefinition<Schema extends z.ZodType = z.ZodType, Kind extends PluginKind = PluginKind> {
  /** Short name, as written in config `use:` for built-ins (`smdr`, `rtp-recorder`). */
  readonly name: string;
  readonly kind: Kind;
  /** The @callwire/plugin-api versions the plugin was written for, as a semver range (`^0.1.0`). */
  readonly hostVersion: string;
  /** A zod schema for the plugin's `options`; defaults belong in it. */
  readonly options: Schema;
  /** A recorder that also signals the calls it records gets `ctx.calls` (default false). */
  readonly callSource?: boolean;
  create(context: PluginContext<z.output<Schema>, Kind>): PluginInstance | Promise<PluginInstance>;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const PLUGIN_MARK = Symbol.for('callwire.PluginDefinition');

/**
 * Declares a plugin. Checks the declaration's shape at once, so a mistake is
 * reported where the plugin is written, not when a deployment loads it.
 */
export function definePlugin<Schema extends z.ZodType, Kind extends PluginKind>(
  definition: PluginDefinition<Schema, Kind>,
): PluginDefinition<Schema, Kind> {
  if (!NAME.test(definition.name)) throw new TypeError(`plugin name '${definition.name}' must be lower-case letters, digits and dashes`);
  if (!['input', 'recorder', 'extension'].includes(definition.kind)) {
    throw new TypeError(`plugin ${definition.name}: kind must be 'input', 'recorder' or 'extension'`);
  }
  if (typeof definition.create !== 'function') throw new TypeError(`plugin ${definition.name}: create must be a function`);
  if (typeof definition.options?.safeParse !== 'function') throw new TypeError(`plugin ${definition.name}: options must be a zod schema`);
  return Object.freeze({ ...definition, [PLUGIN_MARK]: true });
}

/** True for a value made by definePlugin (from any copy of @callwire/plugin-api). */
export function isPluginDefinition(value: unknown): value is PluginDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PLUGIN_MARK] === true;
}
