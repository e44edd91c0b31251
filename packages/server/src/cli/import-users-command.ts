import { parseArgs } from 'node:util';
import { ApiClient } from './api-client.js';
import { API_PORT, resolveTarget, TARGET_HELP } from './api-target.js';
import type { CliCommand } from './cli-command.js';
import { CliError, UsageError } from './cli-errors.js';
import { readCsv } from './csv-reader.js';
import { Progress } from './progress.js';
import { readInputFile } from './read-input-file.js';
import type { ResultDocument } from './result-document.js';
import { userColumns, userRow, type BadRow, type UserRow } from './user-rows.js';

/** Requests in flight on the one connection: enough to keep the server busy, few enough to keep memory flat. */
const WINDOW = 64;

const HELP = `Usage: callwire import users FILE.csv [--modify] [--config FILE] [--host HOST] [--port PORT]

Adds every user of a CSV file with IMPORTUSER ACTION=ADD, over one connection
to the XML API port with the requests pipelined.

The first row names the columns, after IMPORTUSER's parameters in either of
the manual's spellings, any casing, spaces allowed for underscores:
  USERID (USER_ID), USERNAME, EMPLOYEEID (EMPLOYEE_ID), FIRSTNAME (FIRST_NAME),
  LASTNAME (LAST_NAME), STATUS, SYS_USER, DOMAIN (SYS_DOMAIN), EMAIL, CRM_USER,
  PASSWORD, SITEID (SITE_ID), PHONES, DEVICEALIAS, ADD_TIME, MOD_TIME
FIRSTNAME and LASTNAME are required; blank cells are not sent. Fields follow
RFC 4180: quote a field holding commas, quotes or line breaks, and double the
quotes inside it ("Smith, ""Sam""").

A user that already exists (same first and last name, or same USERNAME) is
counted as "already existed" and left as it is, as the manual intends for
scripts that send every user every night. With --modify such a user is
updated instead (IMPORTUSER ACTION=MODIFY with the row's values): the CLI
asks IMPORTUSER LIST once and matches each row by USERID when the CSV has
that column, else by USERNAME, else by first and last name.

A malformed row (a stray quote, the wrong number of fields) is reported with
its line and skipped; the other rows are still imported.

Options:
  --modify         update users that already exist instead of leaving them
${TARGET_HELP}
  --port PORT      the XML API port (default: CALLWIRE_API_PORT, else the config's, else 5620)

Prints a summary (added, already existed, failed with the CSV line and the
reason). Exit status: 0 when no row failed, 1 otherwise, 2 for a bad command
line or a header it cannot use.

Example:
  callwire import users agents.csv`;

/** What happened to one row. */
type Outcome = 'added' | 'modified' | 'unchanged' | 'existed' | { readonly failed: string };

/** `callwire import users`: a CSV file of users through IMPORTUSER. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import users from a CSV file (IMPORTUSER, pipelined) with a summary of what failed',
  help: HELP,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { modify: { type: 'boolean' }, config: { type: 'string', short: 'c' }, host: { type: 'string' }, port: { type: 'string' } },
    });
    const [what, file, extra] = positionals;
    if (what !== 'users') throw new UsageError(`callwire import imports users: 'callwire import users FILE.csv'${what ? `, not '${what}'` : ''}`);
    if (file === undefined) throw new UsageError("callwire import users needs the CSV file: 'callwire import users FILE.csv'");
    if (extra !== undefined) throw new UsageError(`unexpected '${extra}'; see 'callwire help import'`);

    const [header, ...records] = readCsv(readInputFile(file));
    if (header === undefined) throw new CliError(`${file} is empty: it needs a header row naming the columns`);
    if ('error' in header) throw new UsageError(`the header row of ${file} is malformed: ${header.error}`);
    const columns = userColumns(header.fields);
    const rows = records.map((record) => userRow(columns, record));
    const good = rows.filter((row): row is UserRow => 'parameters' in row);

    const client = await ApiClient.connect(resolveTarget(values, API_PORT));
    const outcomes = new Map<number, Outcome>();
    try {
      const existing = values.modify ? await listUsers(client) : undefined;
      const progress = new Progress();
      let next = 0;
      const work = async (): Promise<void> => {
        while (next < good.length) {
          const row = good[next++]!;
          outcomes.set(row.line, await importRow(client, row, existing));
          progress.show(outcomes.size / good.length, `${outcomes.size}/${good.length} users`);
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(WINDOW, good.length) }, work));
      } catch (err) {
        throw new CliError(`${(err as Error).message} (after ${outcomes.size} of ${good.length} users)`);
      } finally {
        progress.done();
      }
    } finally {
      client.close();
    }

    const bad = rows.filter((row): row is BadRow => 'error' in row);
    process.stdout.write(summary(file, rows.length, outcomes, bad, values.modify === true));
    return bad.length > 0 || [...outcomes.values()].some((o) => typeof o === 'object') ? 1 : 0;
  },
};

/** Users by USERID, USERNAME and "first last", from one IMPORTUSER LIST. */
interface ExistingUsers {
  readonly byId: Set<string>;
  readonly byUsername: Map<string, string>;
  readonly byName: Map<string, string>;
}

async function listUsers(client: ApiClient): Promise<ExistingUsers> {
  const reply = await client.request('IMPORTUSER', [['ACTION', 'LIST']]);
  if (!reply.succeeded) throw new CliError(`IMPORTUSER LIST, needed to find existing users for --modify, failed: ${reply.summary()}`);
  const existing: ExistingUsers = { byId: new Set(), byUsername: new Map(), byName: new Map() };
  const users = reply.nodes.find((node) => node.name === 'USERS')?.children ?? [];
  for (const user of users.filter((node) => node.name === 'USER')) {
    const field = (name: string) => user.children?.find((node) => node.name === name)?.text ?? '';
    const id = field('USER_ID');
    existing.byId.add(id);
    if (field('USERNAME')) existing.byUsername.set(field('USERNAME'), id);
    existing.byName.set(nameKey(field('FIRST_NAME'), field('LAST_NAME')), id);
  }
  return existing;
}

const nameKey = (first: string, last: string) => `${first}\u0000${last}`;

/** ADD, or MODIFY of the matching user with --modify; the reply classified. */
async function importRow(client: ApiClient, row: UserRow, existing: ExistingUsers | undefined): Promise<Outcome> {
  const value = (name: string) => row.parameters.find(([n]) => n === name)?.[1];
  const userId = existing && matchUser(existing, value);
  const withoutId = row.parameters.filter(([name]) => name !== 'USERID');
  if (userId !== undefined) {
    const reply = await client.request('IMPORTUSER', [['ACTION', 'MODIFY'], ['USERID', userId], ...withoutId]);
    if (!reply.succeeded) return failed(reply);
    return /nothing was changed/.test(reply.get('RESULTMSG')) ? 'unchanged' : 'modified';
  }
  // USERID is ignored by ADD (the manual); it is not sent, so the request is exactly what ADD reads.
  const reply = await client.request('IMPORTUSER', [['ACTION', 'ADD'], ...withoutId]);
  if (reply.succeeded) return 'added';
  return reply.resultType === 'API_USER_ALREADY_EXIST' ? 'existed' : failed(reply);
}

function matchUser(existing: ExistingUsers, value: (name: string) => string | undefined): string | undefined {
  const id = value('USERID');
  if (id !== undefined) return existing.byId.has(id) ? id : undefined;
  const username = value('USERNAME');
  if (username !== undefined && existing.byUsername.has(username)) return existing.byUsername.get(username);
  return existing.byName.get(nameKey(value('FIRSTNAME') ?? '', value('LASTNAME') ?? ''));
}

function failed(reply: ResultDocument): Outcome {
  return { failed: reply.summary() };
}

function summary(file: string, total: number, outcomes: ReadonlyMap<number, Outcome>, bad: readonly BadRow[], modify: boolean): string {
  const count = (what: Outcome) => [...outcomes.values()].filter((o) => o === what).length;
  const failures = [
    ...bad.map((row) => ({ line: row.line, reason: row.error })),
    ...[...outcomes].flatMap(([line, o]) => (typeof o === 'object' ? [{ line, reason: o.failed }] : [])),
  ].sort((a, b) => a.line - b.line);
  const parts = [`${count('added')} added`];
  if (modify) parts.push(`${count('modified')} modified`, `${count('unchanged')} unchanged`);
  parts.push(`${count('existed')} already existed`, `${failures.length} failed`);
  const lines = [`${file}: ${total} row${total === 1 ? '' : 's'}: ${parts.join(', ')}`];
  for (const { line, reason } of failures) lines.push(`  line ${line}: ${reason}`);
  return `${lines.join('\n')}\n`;
}
