import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { CoreRegistry, EventBus, type PublishedEvent } from '@callwire/core';
// pino comes with the server (a dependency of every host); the test only needs a real logger whose lines it can read.
import { pino } from 'pino';
import type * as ConfigModule from '../../../../server/src/config/index.js';
import type * as HostModule from '../../../../server/src/host/callwire-host.js';
import type * as ServerTestHost from '../../../../server/test/support/test-host.js';
import type * as XmlClientModule from '../../../../server/test/support/xml-client.js';

// Imported from the server's build output, as recorder-host.ts does; the types come from the source above.
const serverDist = (path: string) => new URL(`../../../../../server/dist/${path}`, import.meta.url).href;
const { loadConfig } = (await import(serverDist('src/config/index.js'))) as typeof ConfigModule;
const { CallwireHost } = (await import(serverDist('src/host/callwire-host.js'))) as typeof HostModule;
const { XmlClient } = (await import(serverDist('test/support/xml-client.js'))) as typeof XmlClientModule;

/** One JSON log line of the host, as pino wrote it. */
export type LogLine = Record<string, unknown> & { readonly level: number; readonly msg: string };

/**
 * The server's test host (a real Callwire in this process: SQLite in a temp
 * dir, sockets on port 0), with a real pino logger at debug whose lines are
 * kept in `lines`, so a test can read what the plugins logged.
 */
export async function startLoggedTestHost(config: Record<string, unknown>, lines: LogLine[]): Promise<ServerTestHost.TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'callwire-rtp-test-'));
  const file = join(dir, 'callwire.json');
  writeFileSync(file, JSON.stringify({ plugins: [], ...config }));
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const loaded = loadConfig({ file, env: { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0' } });
  const host = await CallwireHost.start(loaded, pino({ level: 'debug' }, sink));
  const events: PublishedEvent[] = [];
  host.container.get(EventBus).subscribe({ eventClass: 'ALL', deliver: (event) => void events.push(event) });
  const clients: XmlClientModule.XmlClient[] = [];
  return {
    host,
    apiPort: host.addresses.api.port,
    webPort: host.addresses.web.port,
    dir,
    events,
    addCore(core) {
      host.container.get(CoreRegistry).add(core);
      return core;
    },
    async client() {
      const client = await XmlClient.open(host.addresses.api.port);
      clients.push(client);
      return client;
    },
    async close() {
      clients.forEach((c) => c.close());
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
