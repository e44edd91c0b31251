import { parseArgs } from 'node:util';
import { resolveTarget, TARGET_HELP, TLS_PORT, WEB_PORT } from './api-target.js';
import { CliError, UsageError } from './cli-errors.js';
import { credentialsOf } from './export-command.js';
import { textTable, type Column } from './text-table.js';
import { bodyText, getWeb, type WebApiEndpoint } from './webapi-client.js';

/** The options `callwire audit` and `callwire calls` share, for their help texts. */
export const LISTING_HELP = `  --from DATE      from this day (2026-12-01, local midnight) or time (2026-12-01T08:30, or with an offset)
  --to DATE        up to the end of this day, or up to this time
  --limit N        at most N rows, newest first (default 100, at most 10000)
  --json           print the server's JSON instead of a table
${TARGET_HELP}
  --web-port PORT  the web port (default: CALLWIRE_WEB_PORT, else the config's, else 2012)
  --https          use HTTPS (the server's server.tls port, 2013 by default)
  --login NAME     authenticate as NAME (auth.required); the password is read from CALLWIRE_PASSWORD`;

/** What a listing command reads from the server and how it prints it. */
export interface Listing<Row> {
  /** The server's path, e.g. /api/audit. */
  readonly path: string;
  /** The reply's array, e.g. `entries`. */
  readonly key: string;
  /** This command's own filter: its option name → the query parameter it fills. */
  readonly filters: Readonly<Record<string, string>>;
  readonly columns: readonly Column<Row>[];
  /** What it lists, for the last line (`3 audit entries`). */
  readonly noun: (count: number) => string;
}

/**
 * Runs a listing command: reads the options, GETs the listing from the
 * server's web port (the WebAPI's credentials and errors), and prints it as
 * a table (times in this machine's time zone) or as the server's JSON.
 */
export async function runListing<Row>(args: string[], listing: Listing<Row>): Promise<number> {
  const filterOptions = Object.fromEntries(Object.keys(listing.filters).map((name) => [name, { type: 'string' as const }]));
  const { values } = parseArgs({
    args,
    options: {
      ...filterOptions,
      from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' },
      config: { type: 'string', short: 'c' }, host: { type: 'string' }, 'web-port': { type: 'string' }, https: { type: 'boolean' }, login: { type: 'string' },
    },
  });
  const text = (name: string) => (values as Record<string, string | boolean | undefined>)[name] as string | undefined;
  const query: Record<string, string> = {};
  const from = text('from');
  const to = text('to');
  if (from !== undefined) query['from'] = String(instantOf('--from', from, 'start'));
  if (to !== undefined) query['to'] = String(instantOf('--to', to, 'end'));
  const limit = text('limit');
  if (limit !== undefined) {
    if (!/^[1-9]\d*$/.test(limit.trim())) throw new UsageError(`--limit takes a whole number from 1, got '${limit}'`);
    query['limit'] = limit.trim();
  }
  for (const [option, parameter] of Object.entries(listing.filters)) {
    const value = text(option);
    if (value !== undefined) query[parameter] = value;
  }
  const endpoint: WebApiEndpoint = {
    target: resolveTarget({ config: text('config'), host: text('host'), port: text('web-port') }, values.https === true ? TLS_PORT : WEB_PORT),
    https: values.https === true,
    credentials: credentialsOf(text('login'), '--login'),
  };
  const reply = await fetchListing(endpoint, listing.path, query);
  const rows = reply[listing.key];
  if (!Array.isArray(rows)) throw new CliError(`the server's reply to ${listing.path} holds no '${listing.key}' list`);
  if (values.json === true) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else process.stdout.write(`${textTable(rows as Row[], listing.columns)}${listing.noun(rows.length)}\n`);
  return 0;
}

async function fetchListing(endpoint: WebApiEndpoint, path: string, query: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await getWeb(endpoint, path, query);
  const status = response.statusCode ?? 0;
  const body = await bodyText(response);
  if (status === 401 || status === 403) {
    throw new CliError(`the server refused the credentials (HTTP ${status}: ${body.trim()}); use --login with CALLWIRE_PASSWORD, and --https from another machine`);
  }
  if (status === 404) throw new CliError(`the server has no ${path}: it is an older Callwire, or not Callwire`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new CliError(`the server answered ${path} with HTTP ${status} and no JSON: ${body.trim().split('\n')[0]}`);
  }
  const reply = parsed as Record<string, unknown>;
  if (status !== 200) throw new CliError(`the server refused the query: ${String(reply['error'] ?? `HTTP ${status}`)}`);
  return reply;
}

/**
 * A --from/--to value as milliseconds: a day alone (YYYY-MM-DD) is that
 * day's local start, or its end for `end`; a date-time is read as ISO 8601
 * (without an offset: local time).
 */
export function instantOf(flag: string, text: string, edge: 'start' | 'end'): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]) - 1, Number(day[3])];
    const start = new Date(year, month, date);
    if (start.getMonth() !== month || start.getDate() !== date) throw new UsageError(`${flag}: there is no day ${text}`);
    return edge === 'start' ? start.getTime() : new Date(year, month, date + 1).getTime() - 1;
  }
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text.trim()) ? Date.parse(text.trim()) : NaN;
  if (Number.isNaN(ms)) throw new UsageError(`${flag} takes a day (2026-12-01) or a date and time (2026-12-01T08:30), got '${text}'`);
  return ms;
}

/** An ISO 8601 time from the server in this machine's time zone, `YYYY-MM-DD HH:mm:ss`; '' for none. */
export function localTime(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}
