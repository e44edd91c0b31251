import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { eventNames, InTestRecorder, startTestHost, type TestHost } from '@callwire/plugin-kit/testing';

/** The built plugin, as a config's `use:` names a plugin file. */
const PLUGIN = fileURLToPath(new URL('../src/index.js', import.meta.url));

describe('the example line-feed plugin, in a real Callwire host', function () {
  let feed: Server;
  let pbx: Socket | undefined;
  let host: TestHost;

  beforeEach(async () => {
    // The test stands in for the PBX: a TCP server that the plugin connects to.
    feed = createServer((socket) => (pbx = socket)).listen(0, '127.0.0.1');
    await once(feed, 'listening');
    const { port } = feed.address() as AddressInfo;
    host = await startTestHost({ plugins: [{ use: PLUGIN, options: { port, reconnect: { initialMs: 20, maxMs: 200 } } }] });
    host.addCore(new InTestRecorder(1));
    await host.waitFor(() => pbx !== undefined, 'the plugin to connect');
  });
  afterEach(async () => {
    await host.close();
    pbx?.destroy();
    pbx = undefined;
    await new Promise((resolve) => feed.close(resolve));
  });

  it('turns feed lines into calls: started, held, retrieved, stopped and recorded', async () => {
    pbx!.write('start 201 instance=7 ani=6145551212 dnis=8005550100\nhold 201 instance=7\n');
    await host.waitFor(() => host.callState('201', '7') === 'held', 'the call to be held');
    pbx!.write('retrieve 201 instance=7\nstop 201 instance=7\n');
    await host.event('RECORDINGUPDATE', '201');

    assert.deepEqual(eventNames(host), ['CALLSTART 201 7', 'RECORDINGSTARTED 201 7', 'CALLSTOP 201 7', 'RECORDINGSTOPPED 201 7', 'RECORDINGUPDATE 201 7']);
    const [row] = await host.recordings('201');
    assert.deepEqual([row?.['ani'], row?.['dnis'], row?.['call_instance'], row?.['state']], ['6145551212', '8005550100', '7', 'complete']);
  });

  it('skips lines it cannot read and signals the call path refuses, and reconnects when the feed drops', async () => {
    pbx!.write('hello there\nstop 999\nstart 202\n');
    await host.event('CALLSTART', '202');
    assert.deepEqual(eventNames(host).filter((e) => e.startsWith('CALL')), ['CALLSTART 202']);

    pbx!.destroy();
    pbx = undefined;
    await host.waitFor(() => pbx !== undefined, 'the plugin to reconnect');
    pbx!.write('stop 202\n');
    await host.event('CALLSTOP', '202');
  });
});
