import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStorage } from '@callwire/core';
import { CallwireProcess } from '../support/callwire-process.js';
import { send } from '../support/test-host.js';
import { tag, XmlClient } from '../support/xml-client.js';
import { waitUntil } from './wait-until.js';

const recorder = fileURLToPath(new URL('../../../test/fixtures/plugins/metadata-recorder.mjs', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

describe('stopping Callwire', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-stop-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const envFor = () => {
    const configFile = join(dir, 'callwire.yaml');
    writeFileSync(configFile, `plugins:\n  - use: ${recorder}\n    options: { coreIdent: 1 }\n`);
    return { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: configFile };
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal}, finishes the calls in progress first: rows complete, subscribers get CALLSTOP, RECORDINGSTOPPED and RECORDINGUPDATE`, async () => {
      const server = CallwireProcess.spawn(['start'], envFor());
      const { api } = await server.ready();
      const subscriber = await XmlClient.open(api);
      assert.equal(tag(await send(subscriber, 'EVENTS', { EVENTCLASS: 'ALL' }), 'RESULTTYPE'), 'API_OK');
      const client = await XmlClient.open(api);
      for (const device of ['3001', '3002', '3003']) {
        assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: device, ANI: '6145551212' }), 'RESULTTYPE'), 'API_OK');
      }
      await subscriber.read(6); // CALLSTART and RECORDINGSTARTED of each call
      server.kill(signal);
      assert.equal(await server.exit(), 0);
      await subscriber.waitClosed();
      const types = subscriber.takeAll().map((event) => `${tag(event, 'EVENTTYPE')} ${tag(event, 'DEVICEID')}`);
      for (const device of ['3001', '3002', '3003']) {
        for (const type of ['CALLSTOP', 'RECORDINGSTOPPED', 'RECORDINGUPDATE']) assert.ok(types.includes(`${type} ${device}`), `${type} ${device} in ${types.join(', ')}`);
      }
      assert.ok(!server.lines.some((l) => /storage is closed/.test(String(l['msg']))), 'no write was refused by closed storage');

      const storage = await openStorage({ driver: 'sqlite', path: join(dir, 'callwire.db') });
      try {
        const rows = await storage.recordings.list();
        assert.deepEqual(rows.map((r) => r.state), ['complete', 'complete', 'complete']);
        for (const row of rows) assert.ok(row.stop_time !== null && row.stop_time >= row.start_time);
      } finally {
        await storage.close();
      }
      const again = CallwireProcess.spawn(['start'], envFor());
      await again.ready();
      again.kill('SIGTERM');
      await again.exit();
      assert.ok(!again.lines.some((l) => /left open by the previous run/.test(String(l['msg']))), 'nothing was interrupted');
    });
  }

  /** `npm start` in the repository, with the server's pid and API port once it is ready. */
  async function npmStart() {
    const npm = spawn('npm', ['start', '--silent'], { cwd: repoRoot, env: { ...process.env, ...envFor() }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = { text: '' };
    npm.stdout!.setEncoding('utf8').on('data', (text: string) => (output.text += text));
    await waitUntil(() => /Callwire ready/.test(output.text), 'the server started by npm to be ready', 30000);
    const ready = JSON.parse(output.text.split('\n').find((line) => line.includes('Callwire ready'))!) as { pid: number; api: { port: number } };
    assert.notEqual(ready.pid, npm.pid, 'the server is npm\'s child, not npm itself');
    return { npm, ready, output };
  }

  it('SIGTERM to `npm start` reaches the server, which stops cleanly', async () => {
    const { npm, ready, output } = await npmStart();
    npm.kill('SIGTERM');
    await waitUntil(() => !alive(ready.pid), `server pid ${ready.pid} to exit`, 20000);
    await waitUntil(() => /Callwire stopped/.test(output.text), 'the clean stop to be logged');
  });

  it('a server started by `npm start` does not outlive npm when npm is killed with SIGKILL', async () => {
    const { npm, ready } = await npmStart();
    npm.kill('SIGKILL');
    await waitUntil(() => !alive(ready.pid), `server pid ${ready.pid} to exit after npm was killed`, 20000);
    await assert.rejects(XmlClient.open(ready.api.port), /ECONNREFUSED/, 'its port is free');
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
