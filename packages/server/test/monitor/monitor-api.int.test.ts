import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { TOKENS, type Storage } from '@callwire/core';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';
import { InTestRecorder } from '../support/in-test-recorder.js';

/** A plugin whose start() always fails (the /healthz tests' fixture). */
const FAILING_PLUGIN = fileURLToPath(new URL('../../../test/fixtures/plugins/failing-start.mjs', import.meta.url));

describe('the monitor\'s JSON under /monitor/api/', function () {
  this.timeout(20000);
  let t: TestHost;
  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${t.webPort}/monitor/api/${path}`);
    return { status: response.status, type: response.headers.get('content-type'), body: await response.json() as any };
  };

  before(async () => {
    t = await startTestHost();
    t.addCore(new InTestRecorder(1, 2));
    const client = await t.client();
    assert.equal(tag(await send(client, 'IMPORTUSER', { ACTION: 'ADD', USERNAME: 'bo', FIRSTNAME: 'Bo', LASTNAME: 'Brown', SYS_USER: 'bbrown', PHONES: '6001' }), 'RESULTTYPE'), 'API_OK');
    await send(client, 'CALLSTART', { DEVICEID: '6001', ANI: '5556001', DNIS: '800', CALLID: 'x-1', USER2: 'csn-9' });
    await send(client, 'BLACKOUTSTART', { DEVICEID: '6001' });
    await send(client, 'BLACKOUTSTOP', { DEVICEID: '6001' });
    await send(client, 'CALLSTOP', { DEVICEID: '6001' });
    await send(client, 'CALLSTART', { DEVICEID: '6002', ANI: '5556002' });
  });
  after(() => t.close());

  it('agents: every user with the name the page shows and the ids events name them by', async () => {
    const { status, type, body } = await get('agents');
    assert.equal(status, 200);
    assert.match(type ?? '', /^application\/json/);
    const bo = body.find((a: { username: string }) => a.username === 'bo');
    assert.deepEqual({ ...bo, id: typeof bo.id }, { id: 'number', name: 'Bo Brown', username: 'bo', sysUser: 'bbrown', crmUser: null });
  });

  it('recordings: newest first with the agent\'s name, USER fields, blackouts from the start, filtered by agent name and device', async () => {
    const all = (await get('recordings')).body;
    assert.deepEqual(all.map((r: { deviceId: string }) => r.deviceId), ['6002', '6001']);
    const [, first] = all;
    assert.equal(first.agentName, 'Bo Brown');
    assert.equal(first.callId, 'x-1');
    assert.deepEqual(first.users, { user2: 'csn-9' });
    assert.equal(first.state, 'complete');
    assert.equal(first.blackouts.length, 1);
    assert.ok(first.blackouts[0].fromMs >= 0 && first.blackouts[0].toMs >= first.blackouts[0].fromMs);
    assert.equal(all[0].state, 'open');
    assert.deepEqual((await get('recordings?agent=brown')).body.map((r: { deviceId: string }) => r.deviceId), ['6001']);
    assert.deepEqual((await get('recordings?agent=nobody')).body, []);
    assert.deepEqual((await get('recordings?device=6002&state=open')).body.map((r: { deviceId: string }) => r.deviceId), ['6002']);
    assert.deepEqual((await get(`recordings?to=${Date.parse(first.start) - 1}`)).body, []);
  });

  it('answers a bad parameter with 400 naming it', async () => {
    assert.deepEqual(await get('recordings?from=yesterday'), { status: 400, type: 'application/json', body: { error: "from: 'yesterday' is not a time (ms since epoch or ISO 8601)" } });
    assert.equal((await get('recordings?limit=0')).body.error, "limit: '0' is not a whole number from 1 to 500");
    assert.equal((await get('recordings?state=lost')).body.error, "state: 'lost' is not one of open, complete, interrupted");
    const post = await fetch(`http://127.0.0.1:${t.webPort}/monitor/api/agents`, { method: 'POST' });
    assert.equal(post.status, 405);
  });

  it('activity: sixty minutes ending with the current one, counted from storage', async () => {
    const { body } = await get('activity');
    assert.equal(body.minutes.length, 60);
    const last = body.minutes[59];
    assert.ok(Date.parse(last.minute) <= Date.now() && Date.now() < Date.parse(last.minute) + 60_000);
    const sum = (key: 'calls' | 'recordings') => body.minutes.reduce((n: number, m: Record<string, number>) => n + m[key]!, 0);
    assert.deepEqual({ calls: sum('calls'), recordings: sum('recordings') }, { calls: 2, recordings: 2 });
  });

  it('health: /healthz\'s verdict with the plugins, the core, the disk and the database', async () => {
    const { body } = await get('health');
    assert.equal(body.status, 'ok');
    assert.deepEqual(body.plugins, { running: [], failed: [] });
    assert.deepEqual(body.cores, [{ coreIdent: 1, channels: 2, busy: 1, ok: true, problems: [] }]);
    assert.ok(body.disk.freeBytes > 0 && body.disk.totalBytes >= body.disk.freeBytes && body.disk.low === false, JSON.stringify(body.disk));
    assert.equal(body.database.ok, true);
  });

  it('history: SMDR records and the recordings a restart cut off', async () => {
    const storage = t.host.container.get<Storage>(TOKENS.Storage);
    await send(await t.client(), 'CALLSTOP', { DEVICEID: '6002' }); // its row is complete; only the one below is left open
    await storage.callDetails.add({ received_at: Date.now(), device_id: '6001', ani: '5556001', dnis: '800', duration: 12, raw: 'line' });
    const interrupted = await storage.recordings.insertOpen({ device_id: '6999', start_time: Date.now() - 1000 });
    await storage.recordings.closeInterrupted(Date.now());
    const { body } = await get('history');
    assert.deepEqual(body.callDetails.map((d: { deviceId: string; durationSeconds: number }) => [d.deviceId, d.durationSeconds]), [['6001', 12]]);
    assert.deepEqual(body.lostAtRestart.map((r: { ident: number }) => r.ident), [interrupted]);
    assert.deepEqual(body.failedPlugins, []);
  });

  describe('with a plugin that failed to start', () => {
    let failed: TestHost;
    before(async () => (failed = await startTestHost({ plugins: [{ use: FAILING_PLUGIN, restart: { maxRestarts: 0 } }] })));
    after(() => failed.close());

    it('names it, with why, in health (degraded) and in history', async () => {
      const read = async (name: string) => (await fetch(`http://127.0.0.1:${failed.webPort}/monitor/api/${name}`)).json() as Promise<any>;
      const reason = 'disabled after 1 failure(s) in a row; the last: PBX link refused the login (in start())';
      const health = await read('health');
      assert.equal(health.status, 'degraded');
      assert.deepEqual(health.plugins, { running: [], failed: [{ id: 'failing-start', reason }] });
      assert.deepEqual((await read('history')).failedPlugins, [{ id: 'failing-start', reason }]);
    });
  });
});
