import { loadConfig, type CallwireConfig } from '../config/index.js';
import { UsageError } from './cli-errors.js';

/** Where a client command connects: host and port. */
export interface Target {
  readonly host: string;
  readonly port: number;
}

/** The options every client command takes for where the server is. */
export const TARGET_HELP = `  --config FILE, -c FILE  the server's config file: its host and ports (default: CALLWIRE_CONFIG)
  --host HOST      the server's address (default: CALLWIRE_HOST, else the config's server.host, else 127.0.0.1)`;

/** Which of the server's ports a client command uses. */
export interface PortChoice {
  /** The environment variable the server reads for it, if any. */
  readonly portVariable?: string;
  readonly defaultPort: number;
  /** The command-line flag that overrides it. */
  readonly flag: string;
  /** The config key, as `config check` names it. */
  readonly key: string;
  /** The port in a loaded config (environment overrides already applied). */
  portIn(config: CallwireConfig): number;
}

/**
 * The API (or web) address a client command connects to. In order: `--host`/`--port`; else, with a
 * config file (`--config` or CALLWIRE_CONFIG), the server's config as the server reads it (its
 * environment overrides CALLWIRE_HOST, CALLWIRE_API_PORT, CALLWIRE_WEB_PORT on top); else those
 * variables alone; else the documented defaults. So a shell set up to run the server reaches it
 * without flags.
 */
export function resolveTarget(
  options: { host?: string; port?: string; config?: string },
  which: PortChoice,
  env: NodeJS.ProcessEnv = process.env,
): Target {
  const file = options.config ?? (env['CALLWIRE_CONFIG']?.trim() || undefined);
  const fromFile = file === undefined ? undefined : configTarget(loadConfig({ file, env }), which);
  const host = options.host ?? fromFile?.host ?? (env['CALLWIRE_HOST'] || '127.0.0.1');
  const sentPort = options.port ?? (fromFile === undefined ? variable(env, which.portVariable) : String(fromFile.port));
  const source = options.port !== undefined ? which.flag : fromFile === undefined ? which.portVariable : `${which.key} in ${file}`;
  const port = sentPort === undefined || sentPort === '' ? which.defaultPort : Number(sentPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    const hint = port === 0 ? ` (0 lets the server pick a free port: give ${which.flag})` : '';
    throw new UsageError(`${source} must be a port number from 1 to 65535, got '${sentPort}'${hint}`);
  }
  // The server binds 0.0.0.0 or :: to listen everywhere; a client reaches that through loopback.
  return { host: host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host, port };
}

function variable(env: NodeJS.ProcessEnv, name: string | undefined): string | undefined {
  return name === undefined ? undefined : env[name];
}

function configTarget(config: CallwireConfig, which: PortChoice): Target {
  return { host: config.server.host, port: which.portIn(config) };
}

/** The XML API port (5620 by default). */
export const API_PORT: PortChoice = {
  portVariable: 'CALLWIRE_API_PORT', defaultPort: 5620, flag: '--port', key: 'server.api.port',
  portIn: (config) => config.server.api.port,
};
/** The web port of the WebAPI (2012 by default). */
export const WEB_PORT: PortChoice = {
  portVariable: 'CALLWIRE_WEB_PORT', defaultPort: 2012, flag: '--web-port', key: 'server.web.port',
  portIn: (config) => config.server.web.port,
};
/** The HTTPS port of the WebAPI (`server.tls.port`, 2013 by default). */
export const TLS_PORT: PortChoice = {
  defaultPort: 2013, flag: '--web-port', key: 'server.tls.port',
  portIn: (config) => config.server.tls?.port ?? 2013,
};
