import { parseArgs } from 'node:util';
import { validateConfig } from '../host/validate-config.js';
import type { CliCommand } from './cli-command.js';
import { UsageError } from './cli-errors.js';

const HELP = `Usage: callwire config check [FILE]

Validates a config file and prints what it would start: the addresses, the
storage, and each enabled plugin. It runs the checks 'callwire start' runs
before it starts anything: the schema, the schedules, every plugin loaded and
its options checked against the plugin's own schema, the TLS files readable,
and each listening port free to bind (so a check beside a running server
reports its ports as in use).

FILE defaults to --config or CALLWIRE_CONFIG; with none, the defaults are checked.

Every problem of every stage is printed in one run, one per line, naming the key:
  server.api.port: expected integer, got string
  plugins[1].options.baudRate: expected number, got string
  plugins[2] (./plugins/missing.mjs): cannot be loaded: no plugin file or directory at …

Exit status: 0 when valid, 1 when not, 2 for a bad command line.`;

/** `callwire config check`: the config judged as the server would judge it. */
export const configCommand: CliCommand = {
  name: 'config',
  summary: 'validate a config file, its plugins and their options; print what it would start',
  help: HELP,
  run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { config: { type: 'string', short: 'c' } } });
    const [action, file, extra] = positionals;
    if (action !== 'check') throw new UsageError(`unknown config command '${action ?? ''}'; did you mean 'callwire config check FILE'?`);
    if (extra !== undefined) throw new UsageError(`unexpected '${extra}'; see 'callwire help config'`);
    return checkConfig(file ?? values.config);
  },
};

/** Validates and prints what would start; throws ConfigError listing every problem when invalid. */
export async function checkConfig(named: string | undefined): Promise<number> {
  const { file, config, schedules, plugins } = await validateConfig({ file: named });
  const { server, storage, recordings } = config;
  const disabled = config.plugins.filter((p) => !p.enabled).map((p) => p.id ?? p.use);
  const enabled = plugins.prepared.map((p) => `${p.id} (${p.definition.kind})`).join(', ');
  const lines = [
    `config ${file ?? '(none: defaults)'} is valid`,
    `  XML API      ${server.host}:${server.api.port}`,
    `  web          ${server.host}:${server.web.port}${server.tls ? `, TLS on ${server.tls.port}` : ''} (WebAPI, /events, live monitor at /)`,
    `  storage      ${storage.driver === 'sqlite' ? `SQLite ${storage.path}` : `PostgreSQL ${redact(storage.url)}`}`,
    `  recordings   ${recordings.path}`,
    `  plugins      ${enabled || '(none)'}${disabled.length > 0 ? `; disabled: ${disabled.join(', ')}` : ''}`,
    `  schedules    ${schedules.map((s) => s.name).join(', ') || '(none)'}`,
    `  auth         ${config.auth.required ? 'required (HTTP Basic on the web port)' : 'not required'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
