import assert from 'node:assert/strict';
import { NatsServer } from '../support/nats-server.js';
import { TEST_PG_URL } from '../support/test-postgres.js';
import type { CallwireProcess } from '../support/callwire-process.js';
import { ApiNode, clusterCanRun, clusterSchema, clusterSection, spawnNode } from './support/cluster-processes.js';

/**
 * Remote cores that stop answering without leaving: two `callwire core`
 * processes (COREIDENT 5 and 6, both serving every device) frozen with
 * SIGSTOP — a hung process or a machine that drops its traffic — while the
 * API node still counts them as present. What the client gets is what the
 * network did: no answer within cluster.requestTimeoutMs.
 */
describe('cluster: remote cores that stop answering', function () {
  this.timeout(90_000);
  let nats: NatsServer;
  let db: Awaited<ReturnType<typeof clusterSchema>>;
  let cores: CallwireProcess[] = [];
  let api: ApiNode;
  let skipped = false;

  before(async function () {
    if (!(await clusterCanRun())) {
      skipped = true;
      return this.skip();
    }
    nats = await NatsServer.start();
    db = await clusterSchema();
    const storage = { driver: 'postgres', url: TEST_PG_URL, schema: db.schema };
    // A short request time keeps each frozen spell far below the 3 s after which a silent core counts as gone.
    const cluster = (node: string) => ({ ...clusterSection(nats.url, node), requestTimeoutMs: 500 });
    cores = [5, 6].map((coreIdent) => spawnNode('core', {
      storage, cluster: cluster(`core-${coreIdent}`),
      plugins: [{ use: 'rtp-recorder', options: { coreIdent, channels: 2, portRange: [coreIdent * 1000 + 41000, coreIdent * 1000 + 41099] } }],
    }).process);
    for (const core of cores) await core.waitFor((line) => String(line['msg']).startsWith('Callwire core ready'), 30_000);
    api = await ApiNode.start('A', { storage, cluster: cluster('api-a') });
    await api.waitEngine();
    for (const ident of [5, 6]) await api.process.waitFor((line) => String(line['msg']).startsWith(`recorder core ${ident} on core-${ident} joined`), 15_000);
  });

  after(async () => {
    if (skipped) return;
    for (const core of cores) {
      core.kill('SIGCONT');
      core.kill('SIGKILL');
    }
    await api?.kill('SIGKILL').catch(() => undefined);
    await nats?.stop();
    await db?.drop();
  });

  /** CALLSTART while `frozen` do not run (SIGSTOP), well before their silence reads as gone; the CALLSTOP once they run again. */
  const startWhileFrozen = async (device: string, frozen: CallwireProcess[]) => {
    for (const core of frozen) core.kill('SIGSTOP');
    const { code, message } = await api.result('CALLSTART', { DEVICEID: device });
    for (const core of frozen) core.kill('SIGCONT');
    await api.result('CALLSTOP', { DEVICEID: device });
    return [code, message];
  };

  it('answers 46 API_PARTIAL_CORE_RESPONSE naming the core that did not answer in time, and 34 when none did', async () => {
    assert.deepEqual(await api.result('CALLSTART', { DEVICEID: '7101' }).then((r) => [r.code, r.message]), [20, 'CALLSTART sent to all of the following cores: 5,6']);
    await api.result('CALLSTOP', { DEVICEID: '7101' });
    assert.deepEqual(await startWhileFrozen('7102', [cores[1]!]), [46, 'CALLSTART could not be sent to the following cores: 6']);
    assert.deepEqual(await startWhileFrozen('7103', cores), [34, 'CALLSTART could not be sent to the following cores: 5,6']);
  });

  it('takes the cores back when they answer again', async () => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { code, message } = await api.result('CALLSTART', { DEVICEID: '7104' });
      await api.result('CALLSTOP', { DEVICEID: '7104' });
      if (code === 20) {
        assert.equal(message, 'CALLSTART sent to all of the following cores: 5,6');
        break;
      }
      assert.ok(Date.now() < deadline, `the cores did not come back: ${code} ${message}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
