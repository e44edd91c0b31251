import { parseArgs } from 'node:util';
import { ApiClient } from './api-client.js';
import { API_PORT, resolveTarget, TARGET_HELP } from './api-target.js';
import type { CliCommand } from './cli-command.js';
import { CliError, UsageError } from './cli-errors.js';
import { eventJson, eventLine } from './event-line.js';

const CLASSES = ['ALL', 'CALL', 'RECORD'];

const HELP = `Usage: callwire events [--class ALL|CALL|RECORD] [--value DEVICEID[,DEVICEID…]]
                       [--snapshot] [--json] [--config FILE] [--host HOST] [--port PORT]

Subscribes to the event interface on the XML API port (the EVENTS function)
and prints each event as it comes, one line each, until Ctrl-C.

Options:
  --class CLASS    EVENTCLASS: ALL (default), CALL (CALLSTART, CALLSTOP) or RECORD (recordings)
  --value IDS      EVENTVALUE: only these DEVICEIDs (comma list)
  --snapshot       first print the calls in progress (CALLSTART, RECORDINGSTARTED)
  --json           one JSON object per line, shaped like the WebSocket's format=json
${TARGET_HELP}
  --port PORT      the XML API port (default: CALLWIRE_API_PORT, else the config's, else 5620)

A line reads: time received, EVENTTYPE, DEVICEID, then the EVENTDATA fields
that carry a value, as NAME=value.

Exit status: 0 after Ctrl-C; 1 when the subscription is refused or the server
goes away; 2 for a bad command line.

Examples:
  callwire events
  callwire events --class RECORD --value 1001,1002 --snapshot
  callwire events --json | jq .data.ANI`;

/** `callwire events`: a live tail of the event interface. */
export const eventsCommand: CliCommand = {
  name: 'events',
  summary: 'print events (CALLSTART, RECORDINGSTARTED …) as they happen, until Ctrl-C',
  help: HELP,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        class: { type: 'string', default: 'ALL' },
        value: { type: 'string' },
        snapshot: { type: 'boolean' },
        json: { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        host: { type: 'string' },
        port: { type: 'string' },
      },
    });
    const eventClass = values.class.toUpperCase();
    if (!CLASSES.includes(eventClass)) throw new UsageError(`--class must be ALL, CALL or RECORD, got '${values.class}'`);
    const target = resolveTarget(values, API_PORT);
    const client = await ApiClient.connect(target);
    const parameters: [string, string][] = [['EVENTCLASS', eventClass]];
    if (values.value) parameters.push(['EVENTVALUE', values.value]);
    if (values.snapshot) parameters.push(['SNAPSHOT', 'Y']);

    // Listening before asking: a snapshot follows the reply in the same packet.
    client.onEvent((event) => process.stdout.write(`${values.json ? eventJson(event) : eventLine(event, new Date())}\n`));
    const reply = await client.request('EVENTS', parameters);
    if (!reply.succeeded) {
      client.close();
      throw new CliError(`the server refused the subscription: ${reply.summary()}`);
    }
    process.stderr.write(`listening for ${eventClass} events${values.value ? ` of ${values.value}` : ''} on ${target.host}:${target.port} (EVENTXREF ${reply.get('EVENTXREF')}); Ctrl-C to stop\n`);

    return new Promise<number>((resolve, reject) => {
      const stop = () => {
        client.close();
        resolve(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // A reader that went away (`| head`) ends the tail quietly.
      process.stdout.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' ? stop() : reject(err)));
      void client.closed.then((why) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        if (why) reject(why);
      });
    });
  },
};
