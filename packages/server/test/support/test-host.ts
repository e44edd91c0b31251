import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreRegistry, EventBus, type PublishedEvent } from '@callwire/core';
import { pino, type Logger } from 'pino';
import { loadConfig } from '../../src/config/index.js';
import { CallwireHost } from '../../src/host/callwire-host.js';
import { InTestRecorder } from './in-test-recorder.js';
import { XmlClient } from './xml-client.js';

export interface TestHost {
  readonly host: CallwireHost;
  readonly apiPort: number;
  readonly webPort: number;
  readonly dir: string;
  /** Events published on the bus, in order (`EVENTTYPE DEVICEID`). */
  readonly events: PublishedEvent[];
  /** Adds an in-test recorder core. */
  addCore(core: InTestRecorder): InTestRecorder;
  client(): Promise<XmlClient>;
  close(): Promise<void>;
}

/**
 * A real Callwire host in this process: real SQLite file in a temp dir, real
 * sockets on 127.0.0.1 port 0, the given config merged in. Recorder cores are
 * added as InTestRecorder instances (the rtp-recorder is its own issue).
 * `logger` replaces the silent one, for tests that read what was logged.
 */
export async function startTestHost(config: Record<string, unknown> = {}, options: { logger?: Logger } = {}): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'callwire-test-'));
  const file = join(dir, 'callwire.json');
  writeFileSync(file, JSON.stringify({ plugins: [], log: { level: 'silent' }, ...config }));
  const loaded = loadConfig({ file, env: { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0' } });
  const host = await CallwireHost.start(loaded, options.logger ?? pino({ level: 'silent' }));
  const events: PublishedEvent[] = [];
  host.container.get(EventBus).subscribe({ eventClass: 'ALL', deliver: (event) => void events.push(event) });
  const clients: XmlClient[] = [];
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

/** A request document from a type and parameters, CRLF-terminated. */
export function request(type: string, id: number, params: Record<string, string | number> = {}): string {
  const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = Object.entries(params).map(([k, v]) => `<${k}>${escape(String(v))}</${k}>`).join('');
  return `<REQUEST><TYPE>${type}</TYPE><REQUESTID>${id}</REQUESTID>${body}</REQUEST>\r\n`;
}

/** Sends one request and returns its reply. */
export async function send(client: XmlClient, type: string, params: Record<string, string | number> = {}, id = 1): Promise<string> {
  await client.write(request(type, id, params));
  const [reply] = await client.read();
  return reply!;
}
