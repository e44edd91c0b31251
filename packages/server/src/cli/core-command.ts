import { parseArgs } from 'node:util';
import { CoreProcess } from '../cluster/core-process.js';
import { createLogger } from '../host/create-logger.js';
import { validateConfig } from '../host/validate-config.js';
import type { CliCommand } from './cli-command.js';
import { UsageError } from './cli-errors.js';
import { runUntilSignal } from './start.js';

const HELP = `Usage: callwire core --config FILE

Runs the config's recorder plugins (rtp-recorder, siprec) only, and serves
their cores to the cluster's API nodes over NATS, until SIGINT or SIGTERM.
The config needs a cluster section (README "Running on several machines");
plugins of other kinds belong on the API nodes and are refused.

Options:
  --config FILE, -c FILE   the YAML or JSON config file (default: CALLWIRE_CONFIG)`;

/** `callwire core`: a recorder-core process of a cluster. */
export const coreCommand: CliCommand = {
  name: 'core',
  summary: 'run recorder plugins only, serving their cores to a cluster over NATS',
  help: HELP,
  async run(args) {
    const { values, positionals } = parseArgs({ args, options: { config: { type: 'string', short: 'c' } }, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected '${positionals[0]}'; use 'callwire core --config FILE'`);
    const { config } = await validateConfig({ file: values.config }, 'core');
    const log = createLogger(config.log);
    const core = await CoreProcess.start(config, log);
    return runUntilSignal(log, () => core.stop());
  },
};
