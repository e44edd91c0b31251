#!/usr/bin/env node
import 'reflect-metadata';
import { CORE_VERSION } from '@callwire/core';
import { ConfigError } from '../config/index.js';
import { auditCommand } from './audit-command.js';
import { callsCommand } from './calls-command.js';
import type { CliCommand } from './cli-command.js';
import { isParseArgsError, UsageError } from './cli-errors.js';
import { configCommand } from './config-check.js';
import { eventsCommand } from './events-command.js';
import { exportCommand } from './export-command.js';
import { importCommand } from './import-users-command.js';
import { sendCommand } from './send-command.js';
import { startCommand } from './start.js';
import { coreCommand } from './core-command.js';

const COMMANDS: readonly CliCommand[] = [startCommand, coreCommand, sendCommand, eventsCommand, importCommand, exportCommand, auditCommand, callsCommand, configCommand];

const USAGE = `Callwire ${CORE_VERSION}: open CTI middleware speaking the inContact WFO premises API

Usage:
  callwire start [--config FILE]            start the server (what npm start runs)
  callwire core --config FILE               run recorder plugins only, for a cluster's API nodes
  callwire send TYPE [KEY=VALUE …]          send one API request and print the RESULT
  callwire events [--class ALL|CALL|RECORD] print events as they happen, until Ctrl-C
  callwire import users FILE.csv            import users (IMPORTUSER) from a CSV file
  callwire export --ident 1,2,3             download recordings through the WebAPI
  callwire audit [--from DAY] [--user NAME] list the audit log (exports and mails)
  callwire calls [--from DAY] [--device ID] list call-detail records (SMDR/CDR)
  callwire config check [FILE]              validate a config file and print what it would start
  callwire help COMMAND | COMMAND --help    the options of one command
  callwire --help | --version

The config file is YAML or JSON; without one, the defaults of the README apply.
CALLWIRE_CONFIG names the file too; CALLWIRE_HOST, CALLWIRE_API_PORT, CALLWIRE_WEB_PORT
and CALLWIRE_DATA_DIR override it, and tell the client commands where the server is.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') return print(CORE_VERSION);
  if (name === undefined || name === '--help' || name === '-h') return print(USAGE);
  if (name === 'help') return print(rest[0] === undefined ? USAGE : commandNamed(rest[0]).help);
  const command = commandNamed(name);
  if (rest.includes('--help') || rest.includes('-h')) return print(command.help);
  return command.run(rest);
}

function commandNamed(name: string): CliCommand {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command '${name}'; run 'callwire --help'`);
  return command;
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    // One line (a config error: one per problem), never a stack trace: these are read by people at a prompt.
    const usage = err instanceof UsageError || isParseArgsError(err);
    const message = err instanceof ConfigError || usage ? (err as Error).message : `callwire: ${(err as Error)?.message ?? String(err)}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
