import { fileURLToPath } from 'node:url';
import { DeviceRegistry, TOKENS, type CallcopyEvent, type EventType, type Recording, type Storage } from '@callwire/core';
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

export { tag };

/** The plugin's built entry file, as a config `use:` names it. */
export const PLUGIN_ENTRY = fileURLToPath(new URL('../../src/index.js', import.meta.url));

/**
 * A real Callwire host (engine, SQLite in a temp dir, XML API) running the
 * tapi plugin from its built entry file with the given options, and one
 * in-test recorder core so that calls are recorded.
 */
export class TapiHost {
  private requestId = 1;

  private constructor(
    readonly test: ServerTestHost.TestHost,
    readonly api: XmlClientModule.XmlClient,
  ) {}

  static async start(...pluginOptions: Record<string, unknown>[]): Promise<TapiHost> {
    const test = await startTestHost({ plugins: pluginOptions.map((options) => ({ use: PLUGIN_ENTRY, options })) });
    test.addCore(new InTestRecorder(1, 16));
    return new TapiHost(test, await test.client());
  }

  /** Events published so far (`EVENTTYPE DEVICEID CALLINSTANCE`), optionally for some devices only. */
  events(...devices: string[]): string[] {
    return this.test.events
      .map((e) => e.event)
      .filter((e) => devices.length === 0 || devices.includes(e.deviceId))
      .map((e) => `${e.type} ${e.deviceId} ${e.data['CALLINSTANCE'] ?? ''}`.trim());
  }

  /** The published events of one type for a device, with their data. */
  eventsOf(device: string, type: EventType): CallcopyEvent[] {
    return this.test.events.map((e) => e.event).filter((e) => e.deviceId === device && e.type === type);
  }

  /** One request through the XML API; returns the reply document. */
  request(type: string, params: Record<string, string | number>): Promise<string> {
    return send(this.api, type, params, this.requestId++);
  }

  /** DEVICESTATUS through the XML API; returns the reply document. */
  deviceStatus(device: string): Promise<string> {
    return this.request('DEVICESTATUS', { DEVICEID: device });
  }

  /** The stored recordings of a device, oldest first. */
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
