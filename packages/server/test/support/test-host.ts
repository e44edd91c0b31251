import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreRegistry, EventBus, type PublishedEvent } from '@callwire/core';
import type { ManualClock } from '@callwire/plugin-kit';
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
  /** The first event of `type` (on `deviceId`, when given) published from now on; rejects after `timeoutMs`. */
  nextEvent(type: string, deviceId?: string, timeoutMs?: number): Promise<PublishedEvent>;
  /** Adds an in-test recorder core. */
  addCore(core: InTestRecorder): InTestRecorder;
  client(): Promise<XmlClient>;
  /** Stops the host and removes its directory (once: a second call waits for the first). */
  close(): Promise<void>;
}

/**
 * A real Callwire host in this process: real SQLite file in a temp dir, real
 * sockets on 127.0.0.1 port 0, the given config merged in. Recorder cores are
 * added as InTestRecorder instances (the rtp-recorder is its own issue).
 * `logger` replaces the silent one, for tests that read what was logged;
 * `clock` is the engine's clock and timers, for tests that drive its time.
 */
export async function startTestHost(config: Record<string, unknown> = {}, options: { logger?: Logger; clock?: ManualClock } = {}): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'callwire-test-'));
  const file = join(dir, 'callwire.json');
  writeFileSync(file, JSON.stringify({ plugins: [], log: { level: 'silent' }, ...config }));
  const loaded = loadConfig({ file, env: { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0' } });
  const { clock } = options;
  const host = await CallwireHost.start(loaded, options.logger ?? pino({ level: 'silent' }), clock ? { clock, timers: clock } : {});
  const events: PublishedEvent[] = [];
  const waiting = new Set<(event: PublishedEvent) => void>();
  host.container.get(EventBus).subscribe({
    eventClass: 'ALL',
    deliver: (event) => {
      events.push(event);
      waiting.forEach((hear) => hear(event));
    },
  });
  const clients: XmlClient[] = [];
  let closing: Promise<void> | undefined;
  return {
    host,
    apiPort: host.addresses.api.port,
    webPort: host.addresses.web.port,
    dir,
    events,
    nextEvent(type, deviceId, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(hear);
          reject(new Error(`no ${type}${deviceId ? ` on ${deviceId}` : ''} within ${timeoutMs} ms`));
        }, timeoutMs);
        const hear = (event: PublishedEvent) => {
          if (event.event.type !== type || (deviceId !== undefined && event.event.deviceId !== deviceId)) return;
          clearTimeout(timer);
          waiting.delete(hear);
          resolve(event);
        };
        waiting.add(hear);
      });
    },
    addCore(core) {
      host.container.get(CoreRegistry).add(core);
      return core;
    },
    async client() {
      const client = await XmlClient.open(host.addresses.api.port);
      clients.push(client);
      return client;
    },
    close() {
      closing ??= (async () => {
        clients.forEach((c) => c.close());
        await host.stop();
        rmSync(dir, { recursive: true, force: true });
      })();
      return closing;
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
