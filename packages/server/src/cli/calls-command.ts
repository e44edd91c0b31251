import type { CliCommand } from './cli-command.js';
import { LISTING_HELP, localTime, runListing } from './listing-client.js';

const HELP = `Usage: callwire calls [--from DATE] [--to DATE] [--device DEVICEID] [--limit N] [--json]
                      [--config FILE] [--host HOST] [--web-port PORT] [--https] [--login NAME]

Lists the call-detail records (SMDR/CDR lines the PBX sent, kept in
call_details) by the time they arrived, newest first, with the RECORDID of
the recording each one enriched. Read from the server's /api/call-details
(the WebAPI's web port and credentials).

Options:
  --device ID      only records of this extension (DEVICEID)
${LISTING_HELP}

Example:
  callwire calls --device 201 --from 2026-12-01 --to 2026-12-02`;

interface CallDetailRow {
  readonly receivedAt: string;
  readonly deviceId: string | null;
  readonly startTime: string | null;
  readonly durationSeconds: number | null;
  readonly direction: string | null;
  readonly ani: string | null;
  readonly dnis: string | null;
  readonly callId: string | null;
  readonly recordId: number | null;
}

/** `callwire calls`: call-detail records, through the server. */
export const callsCommand: CliCommand = {
  name: 'calls',
  summary: 'list call-detail records (SMDR/CDR), with filters',
  help: HELP,
  run: (args) =>
    runListing<CallDetailRow>(args, {
      path: '/api/call-details',
      key: 'records',
      filters: { device: 'device' },
      columns: [
        { heading: 'RECEIVED', value: (row) => localTime(row.receivedAt) },
        { heading: 'DEVICE', value: (row) => row.deviceId ?? '' },
        { heading: 'START', value: (row) => localTime(row.startTime) },
        { heading: 'SECONDS', value: (row) => (row.durationSeconds === null ? '' : String(row.durationSeconds)) },
        { heading: 'DIR', value: (row) => row.direction ?? '' },
        { heading: 'ANI', value: (row) => row.ani ?? '' },
        { heading: 'DNIS', value: (row) => row.dnis ?? '' },
        { heading: 'CALLID', value: (row) => row.callId ?? '' },
        { heading: 'RECORDID', value: (row) => (row.recordId === null ? '' : String(row.recordId)) },
      ],
      noun: (count) => `${count} call-detail record${count === 1 ? '' : 's'}`,
    }),
};
