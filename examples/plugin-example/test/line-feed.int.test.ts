import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DeviceRegistry, TOKENS, type Storage } from '@callwire/core';
import type * as InTestRecorderModule from '../../../packages/server/test/support/in-test-recorder.js';
import type * as TestHostModule from '../../../packages/server/test/support/test-host.js';

// Callwire's own test host: a real engine with SQLite in a temp dir and real
// sockets. It is imported from the server's build output; the path is
// computed at run time because this file runs from dist/test (outside this
// repository, copy test-host.ts or start `callwire` with a config file).
const support = (file: string) => new URL(`../../../../packages/server/dist/test/support/${file}`, import.meta.url).href;
const { startTestHost } = (await import(support('test-host.js'))) as typeof TestHostModule;
const { InTestRecorder } = (await import(support('in-test-recorder.js'))) as typeof InTestRecorderModule;

/** The built plugin, as a config's `use:` names a plugin file. */
const PLUGIN = fileURLToPath(new URL('../src/index.js', import.meta.url));

/** Resolves once `check` holds, polling every 5 ms. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the example line-feed plugin, in a real Callwire host', function () {
  let feed: Server;
  let pbx: Socket | undefined;
  let host: TestHostModule.TestHost;
  const events = () => host.events.map((e) => `${e.event.type} ${e.event.deviceId}`);

  beforeEach(async () => {
    // The test stands in for the PBX: a TCP server that the plugin connects to.
    feed = createServer((socket) => (pbx = socket)).listen(0, '127.0.0.1');
    await once(feed, 'listening');
    const { port } = feed.address() as AddressInfo;
    host = await startTestHost({ plugins: [{ use: PLUGIN, options: { port, retrySeconds: 0.05 } }] });
    host.addCore(new InTestRecorder(1));
    await until(() => pbx !== undefined, 'the plugin to connect');
  });
  afterEach(async () => {
    await host.close();
    pbx?.destroy();
    pbx = undefined;
    await new Promise((resolve) => feed.close(resolve));
  });

  it('turns feed lines into calls: started, held, retrieved, stopped and recorded', async () => {
    pbx!.write('start 201 instance=7 ani=6145551212 dnis=8005550100\nhold 201 instance=7\n');
    const registry = host.host.container.get(DeviceRegistry);
    await until(() => registry.find('201')?.calls.get('7')?.state === 'held', 'the call to be held');
    pbx!.write('retrieve 201 instance=7\nstop 201 instance=7\n');
    await until(() => events().includes('RECORDINGUPDATE 201'), 'the recording to be saved');

    assert.deepEqual(events(), ['CALLSTART 201', 'RECORDINGSTARTED 201', 'CALLSTOP 201', 'RECORDINGSTOPPED 201', 'RECORDINGUPDATE 201']);
    const [row] = await host.host.container.get<Storage>(TOKENS.Storage).recordings.list({ deviceId: '201' });
    assert.deepEqual([row?.ani, row?.dnis, row?.call_instance, row?.state], ['6145551212', '8005550100', '7', 'complete']);
  });

  it('skips lines it cannot read and signals the CallService refuses, and reconnects when the feed drops', async () => {
    pbx!.write('hello there\nstop 999\nstart 202\n');
    await until(() => events().includes('CALLSTART 202'), 'the good line');
    assert.deepEqual(events().filter((e) => e.startsWith('CALL')), ['CALLSTART 202']);

    pbx!.destroy();
    pbx = undefined;
    await until(() => pbx !== undefined, 'the plugin to reconnect');
    pbx!.write('stop 202\n');
    await until(() => events().includes('CALLSTOP 202'), 'the stop on the new connection');
  });
});
