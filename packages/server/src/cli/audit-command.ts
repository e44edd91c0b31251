import type { CliCommand } from './cli-command.js';
import { LISTING_HELP, localTime, runListing } from './listing-client.js';

const HELP = `Usage: callwire audit [--from DATE] [--to DATE] [--user NAME] [--action FUNCTION]
                      [--limit N] [--json] [--config FILE] [--host HOST] [--web-port PORT] [--https] [--login NAME]

Lists the audit log, newest first: every export and mail of recordings
(EXPORT, COMBINEDEXPORT, MULTIEXPORT, EMAIL, COMBINEDEMAIL) — when, who
asked, from where, what was asked and how it ended. Read from the server's
/api/audit (the WebAPI's web port and credentials).

Options:
  --user NAME      only what this WebAPI user asked for
  --action NAME    only this function, e.g. EMAIL
${LISTING_HELP}

Example:
  callwire audit --from 2026-12-01 --user jdoe`;

interface AuditRow {
  readonly at: string;
  readonly who: string | null;
  readonly action: string;
  readonly detail: string | null;
  readonly remoteAddress: string | null;
}

/** `callwire audit`: the audit log, through the server. */
export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'list the audit log (exports and mails of recordings), with filters',
  help: HELP,
  run: (args) =>
    runListing<AuditRow>(args, {
      path: '/api/audit',
      key: 'entries',
      filters: { user: 'user', action: 'action' },
      columns: [
        { heading: 'TIME', value: (row) => localTime(row.at) },
        { heading: 'USER', value: (row) => row.who ?? '-' },
        { heading: 'FROM', value: (row) => row.remoteAddress ?? '' },
        { heading: 'ACTION', value: (row) => row.action },
        { heading: 'DETAIL', value: (row) => row.detail ?? '', last: true },
      ],
      noun: (count) => `${count} audit entr${count === 1 ? 'y' : 'ies'}`,
    }),
};
