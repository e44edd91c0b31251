import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { CallwireHost } from '../host/callwire-host.js';
import { createLogger } from '../host/create-logger.js';
import type { CliCommand } from './cli-command.js';
import { UsageError } from './cli-errors.js';

const HELP = `Usage: callwire start [--config FILE]

Starts the server (what npm start runs) and runs until SIGINT or SIGTERM,
then stops cleanly; a second signal while stopping exits at once.

Options:
  --config FILE, -c FILE   the YAML or JSON config file (default: CALLWIRE_CONFIG,
                           else the defaults of the README)

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
 * stopping exits at once.
 */
export async function startServer(configFile: string | undefined): Promise<number> {
  const config = loadConfig({ file: configFile });
  const log = createLogger(config.log);
  const host = await CallwireHost.start(config, log);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        log.warn(`${signal} again: exiting without a clean stop`);
        process.exit(1);
      }
      stopping = true;
      log.info(`${signal} received: stopping`);
      void host.stop().then(() => resolve(0));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
