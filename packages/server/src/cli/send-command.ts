import { parseArgs } from 'node:util';
import { ApiClient } from './api-client.js';
import { API_PORT, resolveTarget, TARGET_HELP } from './api-target.js';
import type { CliCommand } from './cli-command.js';
import { UsageError } from './cli-errors.js';
import { resultJson } from './result-json.js';
import { resultTable } from './result-table.js';

const HELP = `Usage: callwire send TYPE [KEY=VALUE …] [--config FILE] [--host HOST] [--port PORT] [--xml | --json]

Sends one API request to the XML API port and prints the RESULT. TYPE is the
function (CALLSTART, DEVICELIST, IMPORTUSER …); each KEY=VALUE is a parameter,
sent in the order given with its value escaped. REQUESTID is numbered for you
unless you give one.

Options:
${TARGET_HELP}
  --port PORT      the XML API port (default: CALLWIRE_API_PORT, else the config's, else 5620)
  --xml            print the reply exactly as the server sent it
  --json           print the reply as JSON (a repeated element becomes an array)

Without --xml or --json the reply is a table: blocks indented under their
name, repeated blocks numbered (DEVICE 1, DEVICE 2 …).

Exit status: 0 when RESULTTYPE is a success (API_OK, API_RECORDING_STARTED,
API_RECORDING_STOPPED, API_RECORDING_UPDATED, API_STREAMING_STARTED);
1 for any other RESULTTYPE or when the server cannot be reached; 2 for a bad command line.

Examples:
  callwire send TEST
  callwire send CALLSTART DEVICEID=1001 ANI=5551234 CALLDIRECTION=I
  callwire send DEVICELIST --json
  callwire send IMPORTUSER ACTION=ADD FIRSTNAME=Sally LASTNAME="Smith & Sons"`;

/** `callwire send`: one request, its reply printed as a table, raw XML or JSON. */
export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'send one API request (TYPE KEY=VALUE …) and print the RESULT',
  help: HELP,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { config: { type: 'string', short: 'c' }, host: { type: 'string' }, port: { type: 'string' }, xml: { type: 'boolean' }, json: { type: 'boolean' } },
    });
    const [type, ...pairs] = positionals;
    if (type === undefined || type.trim() === '') throw new UsageError("callwire send needs a TYPE, such as 'callwire send TEST'; see 'callwire help send'");
    if (values.xml && values.json) throw new UsageError('choose one of --xml and --json');
    const parameters = pairs.map(parsePair);
    const client = await ApiClient.connect(resolveTarget(values, API_PORT));
    try {
      const reply = await client.request(type.trim().toUpperCase(), parameters);
      const text = values.xml ? `${reply.xml}\n` : values.json ? `${JSON.stringify(resultJson(reply.nodes), null, 2)}\n` : resultTable(reply.nodes);
      process.stdout.write(text);
      return reply.succeeded ? 0 : 1;
    } finally {
      client.close();
    }
  },
};

/** `KEY=VALUE` → [KEY, VALUE]; the value may itself contain `=`. Names are sent upper-case, as the manual writes them. */
function parsePair(pair: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw new UsageError(`'${pair}' is not a parameter: write KEY=VALUE, such as DEVICEID=1001`);
  return [pair.slice(0, at).trim().toUpperCase(), pair.slice(at + 1)];
}
