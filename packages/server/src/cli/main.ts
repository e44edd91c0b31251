#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { CORE_VERSION } from '@callwire/core';
import { ConfigError } from '../config/index.js';
import { checkConfig } from './config-check.js';
import { startServer } from './start.js';

const USAGE = `Callwire ${CORE_VERSION}: open CTI middleware speaking the inContact WFO premises API

Usage:
  callwire start [--config FILE]     start the server (what npm start runs)
  callwire config check [FILE]       validate a config file and print what it would start
  callwire --help | --version

The config file is YAML or JSON; without one, the defaults of the README apply.
CALLWIRE_CONFIG names the file too; CALLWIRE_HOST, CALLWIRE_API_PORT, CALLWIRE_WEB_PORT
and CALLWIRE_DATA_DIR override it.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.version) return print(CORE_VERSION);
  if (values.help || command === undefined || command === 'help') return print(USAGE);
  switch (command) {
    case 'start':
      return startServer(values.config);
    case 'config':
      if (rest[0] !== 'check') throw new UsageError(`unknown config command '${rest[0] ?? ''}'; did you mean 'callwire config check FILE'?`);
      return checkConfig(rest[1] ?? values.config);
    default:
      throw new UsageError(`unknown command '${command}'; run 'callwire --help'`);
  }
}

class UsageError extends Error {}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof ConfigError || err instanceof UsageError || isUsage(err) ? (err as Error).message : `callwire: ${(err as Error).message ?? String(err)}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = err instanceof UsageError || isUsage(err) ? 2 : 1;
  },
);

/** parseArgs' own errors (unknown option, missing value). */
function isUsage(err: unknown): boolean {
  return typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('ERR_PARSE_ARGS');
}
