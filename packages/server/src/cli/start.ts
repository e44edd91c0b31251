import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { CallwireHost } from '../host/callwire-host.js';
import { createLogger } from '../host/create-logger.js';
import { ConfigError } from '../config/index.js';
import { listenProblem } from '../host/listening-ports.js';
import { validateConfig } from '../host/validate-config.js';
import type { CliCommand } from './cli-command.js';
import { UsageError } from './cli-errors.js';

const HELP = `Usage: callwire start [--config FILE]

Starts the server (what npm start runs) and runs until SIGINT or SIGTERM,
then stops cleanly; a second signal while stopping exits at once.

Options:
  --config FILE, -c FILE   the YAML or JSON config file (default: CALLWIRE_CONFIG,
                           else the defaults of the README)

Before anything starts, the config is checked as 'callwire config check' checks
it (ports and TLS files included); every problem is printed, and nothing starts.

Environment: CALLWIRE_HOST, CALLWIRE_API_PORT, CALLWIRE_WEB_PORT and
CALLWIRE_DATA_DIR override the file.`;

/** `callwire start`: the server in the foreground. */
export const startCommand: CliCommand = {
  name: 'start',
  summary: 'start the server (what npm start runs)',
  help: HELP,
  run(args) {
    const { values, positionals } = parseArgs({ args, options: { config: { type: 'string', short: 'c' } }, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected '${positionals[0]}'; use 'callwire start --config FILE'`);
    return startServer(values.config);
  },
};

/**
 * Runs until SIGINT or SIGTERM, then stops cleanly. A second signal while
 * stopping exits at once. Started by an npm script (`npm start`), it also
 * stops when npm goes away — killed with SIGKILL, npm cannot pass a signal
 * on, and the server must not run on orphaned, holding its ports.
 */
export async function startServer(configFile: string | undefined): Promise<number> {
  // The checks of 'callwire config check', every problem at once, before any plugin starts.
  const { file, config } = await validateConfig({ file: configFile });
  const log = createLogger(config.log);
  const host = await CallwireHost.start(config, log).catch((err: unknown) => {
    const problem = listenProblem(err, config.server);
    throw problem === undefined ? err : ConfigError.invalid(file, [problem]);
  });
  return runUntilSignal(log, () => host.stop());
}

/**
 * Runs until SIGINT or SIGTERM, then `stop`s cleanly and resolves 0. A second
 * signal while stopping exits at once. Started by an npm script, it also
 * stops when npm goes away (see startServer).
 */
export function runUntilSignal(log: Logger, stopping: () => Promise<void>): Promise<number> {
  return new Promise<number>((resolve) => {
    let stopped = false;
    const stop = (why: string): void => {
      if (stopped) {
        log.warn(`${why} again: exiting without a clean stop`);
        process.exit(1);
      }
      stopped = true;
      clearInterval(parentWatch);
      log.info(`${why}: stopping`);
      void stopping().then(() => resolve(0));
    };
    process.on('SIGINT', () => stop('SIGINT received'));
    process.on('SIGTERM', () => stop('SIGTERM received'));
    const parent = process.ppid;
    const parentWatch = setInterval(() => {
      if (process.ppid !== parent) stop(`the process that started Callwire (pid ${parent}) is gone`);
    }, PARENT_WATCH_MS);
    parentWatch.unref();
    if (process.env['npm_lifecycle_event'] === undefined) clearInterval(parentWatch);
  });
}

/** How often a server started by npm checks that npm still runs. */
const PARENT_WATCH_MS = 500;
