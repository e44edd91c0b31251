import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { CallwireProcess } from '../support/callwire-process.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { connectTestPostgres, TEST_PG_URL } from '../support/test-postgres.js';
import { send } from '../support/test-host.js';
import { tag, XmlClient } from '../support/xml-client.js';
import { waitUntil } from './wait-until.js';

const recorder = fileURLToPath(new URL('../../../test/fixtures/plugins/metadata-recorder.mjs', import.meta.url));

describe('PostgreSQL unreachable while calls come and go (a real server process behind a TCP proxy)', function () {
  this.timeout(60000);
  let probe: pg.Client;
  let schema: string;
  let proxy: TcpProxy;
  let dir: string;
  let env: Record<string, string>;

  before(async function () {
    const client = await connectTestPostgres();
    if (!client) return this.skip();
    probe = client;
  });
  after(async () => probe?.end().catch(() => undefined));

  beforeEach(async () => {
    schema = `outage_${process.pid}_${Date.now()}`;
    await probe.query(`create schema ${schema}`);
    const target = new URL(TEST_PG_URL);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    target.host = `127.0.0.1:${proxy.port}`;
    dir = mkdtempSync(join(tmpdir(), 'callwire-pg-outage-'));
    const configFile = join(dir, 'callwire.yaml');
    writeFileSync(configFile, [
      `storage: { driver: postgres, url: '${target.toString()}', schema: ${schema} }`,
      `plugins:\n  - use: ${recorder}\n    options: { coreIdent: 1 }`,
    ].join('\n'));
    env = { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: configFile };
  });
  afterEach(async () => {
    await proxy.close();
    await probe.query(`drop schema ${schema} cascade`);
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = async () => (await probe.query(`select device_id, state, duration from ${schema}.recordings order by device_id`)).rows as { device_id: string; state: string; duration: number }[];

  it('a CALLSTOP answered API_OK while the database is down is stored once it is back, not left open', async () => {
    const server = CallwireProcess.spawn(['start'], env);
    try {
      const client = await XmlClient.open((await server.ready()).api);
      assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '4001' }), 'RESULTTYPE'), 'API_OK');
      proxy.cut();
      assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '4002' }), 'RESULTTYPE'), 'API_OK', 'its row is queued');
      assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: '4001' }), 'RESULTTYPE'), 'API_OK');
      assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: '4002' }), 'RESULTTYPE'), 'API_OK');
      assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '4003' }), 'RESULTTYPE'), 'API_OK', 'still live when the database returns');
      await server.waitFor((l) => /queued and retried/.test(String(l['msg'])));
      proxy.resume();
      await waitUntil(async () => (await rows()).length === 3, 'the queued rows to be stored', 40000);
      // 4003's start-time row was stored by a retry: its stop completes that row, it does not add a second
      assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: '4003' }), 'RESULTTYPE'), 'API_OK');
      await waitUntil(async () => (await rows()).every((r) => r.state === 'complete'), 'every row to be complete', 40000);
      assert.deepEqual((await rows()).map((r) => r.device_id), ['4001', '4002', '4003']);
    } catch (err) {
      throw new Error(`${(err as Error).message}; server stderr: ${server.stderr}; last log lines: ${JSON.stringify(server.lines.slice(-5))}`);
    } finally {
      server.kill('SIGTERM');
      await server.exit();
    }
  });

  it('what is still queued when the process is killed is stored at the next start, not closed as interrupted', async () => {
    const server = CallwireProcess.spawn(['start'], env);
    const client = await XmlClient.open((await server.ready()).api);
    assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '4101' }), 'RESULTTYPE'), 'API_OK');
    proxy.cut();
    assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: '4101' }), 'RESULTTYPE'), 'API_OK');
    await server.waitFor((l) => /queued and retried/.test(String(l['msg'])));
    const journal = readFileSync(join(dir, 'recording-journal.jsonl'), 'utf8');
    assert.match(journal, /"device_id":"4101"/, 'the acknowledged completion is on disk');
    server.kill('SIGKILL');
    await server.exit();
    client.close();

    proxy.resume();
    const again = CallwireProcess.spawn(['start'], env);
    try {
      await again.ready();
      assert.deepEqual((await rows()).map((r) => [r.device_id, r.state]), [['4101', 'complete']]);
      assert.ok(!again.lines.some((l) => /left open by the previous run/.test(String(l['msg']))));
      assert.equal(readFileSync(join(dir, 'recording-journal.jsonl'), 'utf8'), '', 'the journal is emptied once stored');
    } finally {
      again.kill('SIGTERM');
      await again.exit();
    }
  });
});
