import { Writable } from 'node:stream';
// pino comes with the server (a dependency of every host); the test only needs a real logger whose lines it can read.
import { pino } from 'pino';
import type * as ServerTestHost from '../../../../server/test/support/test-host.js';

// Imported from the server's build output, as recorder-host.ts does; the types come from the source above.
const serverDist = (path: string) => new URL(`../../../../../server/dist/${path}`, import.meta.url).href;
const { startTestHost } = (await import(serverDist('test/support/test-host.js'))) as typeof ServerTestHost;

/** One JSON log line of the host, as pino wrote it. */
export type LogLine = Record<string, unknown> & { readonly level: number; readonly msg: string };

/**
 * The server's test host (a real Callwire in this process: SQLite in a temp
 * dir, sockets on port 0), with a real pino logger at debug whose lines are
 * kept in `lines`, so a test can read what the plugins logged.
 */
export async function startLoggedTestHost(config: Record<string, unknown>, lines: LogLine[]): Promise<ServerTestHost.TestHost> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return startTestHost(config, { logger: pino({ level: 'debug' }, sink) });
}
