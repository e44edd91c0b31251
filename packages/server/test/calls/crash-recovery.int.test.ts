import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStorage } from '@callwire/core';
import { CallwireProcess } from '../support/callwire-process.js';
import { send } from '../support/test-host.js';
import { tag, XmlClient } from '../support/xml-client.js';

const recorder = fileURLToPath(new URL('../../../test/fixtures/plugins/metadata-recorder.mjs', import.meta.url));

describe('a process killed mid-call', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-crash-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the recording row written at start, and closes it as interrupted on restart', async () => {
    const configFile = join(dir, 'callwire.yaml');
    writeFileSync(configFile, `plugins:\n  - use: ${recorder}\n    options: { coreIdent: 1 }\n`);
    const env = { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: configFile };

    const first = CallwireProcess.spawn(['start'], env);
    const ports = await first.ready();
    const client = await XmlClient.open(ports.api);
    assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '4242', ANI: '6145551212', USER1: 'Gold Level' }), 'RESULTTYPE'), 'API_OK');
    client.close();
    first.kill('SIGKILL');
    await first.exit();

    const storage = await openStorage({ driver: 'sqlite', path: join(dir, 'callwire.db') });
    try {
      const [open] = await storage.recordings.list({ deviceId: '4242' });
      assert.equal(open?.state, 'open', 'the row was written when recording started');
      assert.deepEqual([open?.ani, open?.user1], ['6145551212', 'Gold Level']);

      const second = CallwireProcess.spawn(['start'], env);
      try {
        await second.ready();
        const [closed] = await storage.recordings.list({ deviceId: '4242' });
        assert.equal(closed?.state, 'interrupted');
        assert.ok(closed?.stop_time !== null && closed!.stop_time! >= closed!.start_time);
        assert.ok(second.lines.some((l) => String(l['msg']).startsWith('closed 1 recording(s) left open by the previous run')));
      } finally {
        second.kill('SIGTERM');
        await second.exit();
      }
    } finally {
      await storage.close();
    }
  });
});
