import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOKENS, type CallDetail, type Recording, type Storage } from '@callwire/core';
import type * as InTestRecorderModule from '../../../../server/test/support/in-test-recorder.js';
import type * as ServerTestHost from '../../../../server/test/support/test-host.js';
import type * as XmlClientModule from '../../../../server/test/support/xml-client.js';
import { waitUntil } from './wait.js';

// The server's test support is imported from its build output. The path is
// computed at run time because this file runs from dist/test/support, one
// level deeper than its source; the types come from the source above.
const serverSupport = (name: string) => new URL(`../../../../../server/dist/test/support/${name}.js`, import.meta.url).href;
const { startTestHost, send } = (await import(serverSupport('test-host'))) as typeof ServerTestHost;
const { InTestRecorder } = (await import(serverSupport('in-test-recorder'))) as typeof InTestRecorderModule;
const { tag } = (await import(serverSupport('xml-client'))) as typeof XmlClientModule;

/** The plugin's built entry file, as a config `use:` names it. */
export const PLUGIN_ENTRY = fileURLToPath(new URL('../../src/index.js', import.meta.url));

/**
 * A real Callwire host (XML API, engine, SQLite in a temp dir, an in-test
 * recorder core so API calls get recordings) running the smdr plugin from
 * its built entry file with the given options.
 */
export class SmdrHost {
  private requestId = 1;

  private constructor(
    readonly test: ServerTestHost.TestHost,
    readonly api: XmlClientModule.XmlClient,
  ) {}

  static async start(options: Record<string, unknown>): Promise<SmdrHost> {
    const test = await startTestHost({ plugins: [{ use: PLUGIN_ENTRY, options }] });
    test.addCore(new InTestRecorder(1));
    return new SmdrHost(test, await test.client());
  }

  get storage(): Storage {
    return this.test.host.container.get<Storage>(TOKENS.Storage);
  }

  /** The plugin's rejects file. */
  get rejectsPath(): string {
    return join(this.test.dir, 'plugins', 'smdr', 'rejects.log');
  }

  /** Rejects file entries as [source, reason, line]. */
  rejects(): [string, string, string][] {
    if (!existsSync(this.rejectsPath)) return [];
    return readFileSync(this.rejectsPath, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [, source, reason, ...line] = l.split('\t');
        return [source!, reason!, line.join('\t')];
      });
  }

  /** Makes a call through the XML API (CALLSTART, then CALLSTOP) and returns its stored recording. */
  async recordCall(deviceId: string): Promise<Recording> {
    for (const type of ['CALLSTART', 'CALLSTOP']) {
      const reply = await send(this.api, type, { DEVICEID: deviceId }, this.requestId++);
      if (tag(reply, 'RESULTTYPE') !== 'API_OK') throw new Error(`${type} ${deviceId}: ${reply}`);
    }
    const recording = await this.storage.recordings.lastForDevice(deviceId);
    if (!recording) throw new Error(`no recording for ${deviceId}`);
    return recording;
  }

  /** call_details rows, oldest first. */
  async callDetails(): Promise<CallDetail[]> {
    return (await this.storage.callDetails.list()).reverse();
  }

  /** Waits until call_details holds `count` rows and returns them, oldest first. */
  async waitForCallDetails(count: number, timeoutMs = 8000): Promise<CallDetail[]> {
    let rows: CallDetail[] = [];
    await waitUntil(async () => (rows = await this.callDetails()).length >= count, `${count} call_details rows (have ${rows.length})`, timeoutMs);
    return rows;
  }

  /**
   * Waits until the stored recording `ident` passes `check`, and returns it.
   * A call detail's row is stored before the recording it matches is
   * updated (then RECORDINGUPDATE is published), so a test that saw the row
   * waits for the update too rather than reading the recording at once.
   */
  async waitForRecording(ident: number, check: (recording: Recording) => boolean, what: string, timeoutMs = 8000): Promise<Recording> {
    let found: Recording | undefined;
    await waitUntil(async () => {
      found = await this.storage.recordings.findByIdent(ident);
      return found !== undefined && check(found);
    }, `recording ${ident}: ${what}`, timeoutMs);
    return found!;
  }

  /** Waits until the device has had `count` events of `type`. */
  async waitForEvents(deviceId: string, type: string, count: number, timeoutMs = 8000): Promise<void> {
    await waitUntil(() => this.events(deviceId).filter((t) => t === type).length >= count, `${count} ${type} for ${deviceId}`, timeoutMs);
  }

  /** Waits until the rejects file holds `count` entries. */
  async waitForRejects(count: number, timeoutMs = 8000): Promise<[string, string, string][]> {
    await waitUntil(() => this.rejects().length >= count, `${count} rejects (have ${this.rejects().length})`, timeoutMs);
    return this.rejects();
  }

  /** Event types published on the bus for a device, in order. */
  events(deviceId: string): string[] {
    return this.test.events.filter((e) => e.event.deviceId === deviceId).map((e) => e.event.type);
  }

  /** True while the host's XML API still answers TEST. */
  async answers(): Promise<boolean> {
    return tag(await send(this.api, 'TEST', {}, this.requestId++), 'RESULTTYPE') === 'API_OK';
  }

  async close(): Promise<void> {
    await this.test.close();
  }
}
