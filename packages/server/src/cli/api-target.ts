import { UsageError } from './cli-errors.js';

/** Where a client command connects: host and port. */
export interface Target {
  readonly host: string;
  readonly port: number;
}

/** The options every client command takes for where the server is. */
export const TARGET_HELP = `  --host HOST      the server's address (default: CALLWIRE_HOST or 127.0.0.1)`;

/**
 * The API (or web) address from `--host`/`--port`, else the same environment
 * variables the server reads (CALLWIRE_HOST, CALLWIRE_API_PORT or
 * CALLWIRE_WEB_PORT), else the documented defaults, so a shell set up to run
 * the server reaches it without flags.
 */
export function resolveTarget(
  options: { host?: string; port?: string },
  which: { readonly portVariable: string; readonly defaultPort: number; readonly flag: string },
  env: NodeJS.ProcessEnv = process.env,
): Target {
  const host = options.host ?? (env['CALLWIRE_HOST'] || '127.0.0.1');
  const sentPort = options.port ?? env[which.portVariable];
  const source = options.port !== undefined ? which.flag : which.portVariable;
  const port = sentPort === undefined || sentPort === '' ? which.defaultPort : Number(sentPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`${source} must be a port number from 1 to 65535, got '${sentPort}'`);
  // The server binds 0.0.0.0 or :: to listen everywhere; a client reaches that through loopback.
  return { host: host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host, port };
}

/** The XML API port (5620 by default). */
export const API_PORT = { portVariable: 'CALLWIRE_API_PORT', defaultPort: 5620, flag: '--port' } as const;
/** The web port of the WebAPI (2012 by default). */
export const WEB_PORT = { portVariable: 'CALLWIRE_WEB_PORT', defaultPort: 2012, flag: '--web-port' } as const;
