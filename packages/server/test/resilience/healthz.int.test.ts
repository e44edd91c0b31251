import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { startTestHost } from '../support/test-host.js';

const failing = fileURLToPath(new URL('../../../test/fixtures/plugins/failing-start.mjs', import.meta.url));

async function health(port: number): Promise<{ status: number; body: { status: string; problems: string[] } }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; problems: string[] } };
}

describe('/healthz', function () {
  this.timeout(30000);

  it('answers 200 when everything configured runs', async () => {
    const t = await startTestHost();
    try {
      t.addCore(new InTestRecorder(1));
      assert.deepEqual(await health(t.webPort).then((h) => [h.status, h.body.status, h.body.problems]), [200, 'ok', []]);
    } finally {
      await t.close();
    }
  });

  it('answers 503 naming a configured input plugin that failed to start', async () => {
    const t = await startTestHost({ plugins: [{ use: failing, restart: { maxRestarts: 0 } }] });
    try {
      const { status, body } = await health(t.webPort);
      assert.equal(status, 503);
      assert.equal(body.status, 'degraded');
      assert.deepEqual(body.problems, ['plugin failing-start is not running: disabled after 1 failure(s) in a row; the last: PBX link refused the login (in start())']);
    } finally {
      await t.close();
    }
  });

  it('answers 503 when a recorder core reports it cannot record, 200 with its problems listed when only part of it is out', async () => {
    const t = await startTestHost();
    try {
      const core = t.addCore(new InTestRecorder(7));
      let report = { ok: false, problems: ['no channel could bind its port'] };
      Object.assign(core, { health: () => report });
      let { status, body } = await health(t.webPort);
      assert.deepEqual([status, body.problems], [503, ['core 7: no channel could bind its port']]);
      report = { ok: true, problems: ['channel 3: port 40004 is in use (EADDRINUSE)'] };
      ({ status, body } = await health(t.webPort));
      assert.deepEqual([status, body.problems], [200, ['core 7: channel 3: port 40004 is in use (EADDRINUSE)']]);
    } finally {
      await t.close();
    }
  });
});
