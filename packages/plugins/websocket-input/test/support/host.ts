import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DeviceRegistry, TOKENS, type Recording, type Storage } from '@callwire/core';
import type * as EventSocketClientModule from '../../../../server/test/support/event-socket-client.js';
import type * as InTestRecorderModule from '../../../../server/test/support/in-test-recorder.js';
import type * as ServerTestHost from '../../../../server/test/support/test-host.js';
import type * as XmlClientModule from '../../../../server/test/support/xml-client.js';

// The server's test support is imported from its build output. The paths are
// computed at run time because this file runs from dist/test/support, one
// level deeper than its source; the types come from the sources above.
const support = (file: string) => new URL(`../../../../../server/dist/test/support/${file}`, import.meta.url).href;
const { startTestHost, send } = (await import(support('test-host.js'))) as typeof ServerTestHost;
const { InTestRecorder } = (await import(support('in-test-recorder.js'))) as typeof InTestRecorderModule;
const { tag } = (await import(support('xml-client.js'))) as typeof XmlClientModule;
const { EventSocketClient, UpgradeRefused } = (await import(support('event-socket-client.js'))) as typeof EventSocketClientModule;

export { EventSocketClient, tag, UpgradeRefused };

/** The plugin's built entry file, as a config `use:` names it. */
export const PLUGIN_ENTRY = fileURLToPath(new URL('../../src/index.js', import.meta.url));

/** A port that was free a moment ago (the plugin listens on a port the test must know). */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Resolves once `check` holds, polling every 5 ms. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A real Callwire host (engine, SQLite in a temp dir, XML API) running the
 * websocket-input plugin from its built entry file, with one in-test
 * recorder core so that calls are recorded.
 */
export class InputHost {
  private requestId = 1;

  private constructor(
    readonly test: ServerTestHost.TestHost,
    readonly api: XmlClientModule.XmlClient,
  ) {}

  static async start(options: Record<string, unknown>, { recorder = true } = {}): Promise<InputHost> {
    const test = await startTestHost({ plugins: [{ use: PLUGIN_ENTRY, options }] });
    if (recorder) test.addCore(new InTestRecorder(1, 16));
    return new InputHost(test, await test.client());
  }

  /** Events published so far, as `EVENTTYPE DEVICEID CALLINSTANCE`. */
  events(): string[] {
    return this.test.events.map((e) => `${e.event.type} ${e.event.deviceId} ${e.event.data['CALLINSTANCE'] ?? ''}`.trim());
  }

  /** Waits until `event` (as events() spells it) has been published. */
  waitForEvent(event: string, timeoutMs = 5000): Promise<void> {
    return waitFor(() => this.events().includes(event), event, timeoutMs);
  }

  /** One request through the XML API; returns the reply document. */
  request(type: string, params: Record<string, string | number>): Promise<string> {
    return send(this.api, type, params, this.requestId++);
  }

  deviceStatus(device: string): Promise<string> {
    return this.request('DEVICESTATUS', { DEVICEID: device });
  }

  async recordings(device: string): Promise<Recording[]> {
    const rows = await this.test.host.container.get<Storage>(TOKENS.Storage).recordings.list({ deviceId: device });
    return [...rows].sort((a, b) => a.ident - b.ident);
  }

  /** The live call state ('connected' | 'held') of a device's call instance, or undefined when none is live. */
  callState(device: string, instance: string): string | undefined {
    return this.test.host.container.get(DeviceRegistry).find(device)?.calls.get(instance)?.state;
  }

  close(): Promise<void> {
    return this.test.close();
  }
}
