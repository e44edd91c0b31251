import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStorage } from '@callwire/core';
import { CallwireProcess } from '../support/callwire-process.js';
import { send } from '../support/test-host.js';
import { tag, XmlClient } from '../support/xml-client.js';
import { waitUntil } from './wait-until.js';

const recorder = fileURLToPath(new URL('../../../test/fixtures/plugins/metadata-recorder.mjs', import.meta.url));

/** Writes a config and returns the environment that starts a process on it, data under `dataDir`. */
function setup(dir: string, dataDir: string, minFreeMb: number): Record<string, string> {
  const configFile = join(dir, 'callwire.yaml');
  writeFileSync(configFile, `recordings: { minFreeMb: ${minFreeMb} }\nplugins:\n  - use: ${recorder}\n    options: { coreIdent: 1, channels: 10000 }\n`);
  return { CALLWIRE_DATA_DIR: dataDir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: configFile };
}

describe('recordings disk space', function () {
  this.timeout(90000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-disk-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('below recordings.minFreeMb, CALLSTART answers 2 API_ERROR_OUT_OF_DISK_SPACE; SYSTEMSTATUS and /healthz say why', async () => {
    // a floor no disk here reaches: a petabyte
    const server = CallwireProcess.spawn(['start'], setup(dir, dir, 1024 * 1024 * 1024));
    try {
      const { api, web } = await server.ready();
      const client = await XmlClient.open(api);
      const reply = await send(client, 'CALLSTART', { DEVICEID: '5001' });
      assert.equal(tag(reply, 'RESULTCODE'), '2');
      assert.equal(tag(reply, 'RESULTTYPE'), 'API_ERROR_OUT_OF_DISK_SPACE');
      assert.match(tag(reply, 'RESULTMSG')!, /MB free, below the floor of 1073741824 MB \(recordings\.minFreeMb\)/);
      const status = await send(client, 'SYSTEMSTATUS');
      assert.equal(tag(status, 'RECORDINGSPACESTATUS'), 'LOW');
      assert.equal(tag(status, 'RECORDINGMINFREE'), '1073741824');
      const health = await fetch(`http://127.0.0.1:${web}/healthz`);
      assert.equal(health.status, 503);
      const body = (await health.json()) as { status: string; problems: string[] };
      assert.equal(body.status, 'degraded');
      assert.ok(body.problems.some((p) => /recordings\.minFreeMb/.test(p)), body.problems.join('; '));
      client.close();
    } finally {
      server.kill('SIGTERM');
      await server.exit();
    }
    const storage = await openStorage({ driver: 'sqlite', path: join(dir, 'callwire.db') });
    try {
      assert.deepEqual(await storage.recordings.list(), [], 'nothing was recorded');
    } finally {
      await storage.close();
    }
  });

  describe('on a small real filesystem (tmpfs)', function () {
    let mount: string;
    before(function () {
      mount = mkdtempSync(join(tmpdir(), 'callwire-tmpfs-'));
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mount], { stdio: 'pipe' });
      } catch (err) {
        rmSync(mount, { recursive: true, force: true });
        if (process.env['CALLWIRE_REQUIRE_TMPFS'] === '1') throw err;
        console.log(`      note: cannot mount a tmpfs here (${String((err as Error).message).split('\n')[0]}); skipping; run as root or set CALLWIRE_REQUIRE_TMPFS=1 to fail instead`);
        return this.skip();
      }
    });
    after(() => {
      if (!mount) return;
      try {
        execFileSync('umount', [mount], { stdio: 'pipe' });
      } catch {
        /* not mounted (skipped) */
      }
      rmSync(mount, { recursive: true, force: true });
    });

    /** Fills the tmpfs until only `leaveBytes` are free (0: until ENOSPC). */
    function fill(leaveBytes: number): string {
      const path = join(mount, `filler-${Date.now()}`);
      const fd = openSync(path, 'w');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) {
          const { bavail, bsize } = statfsSync(mount);
          const room = bavail * bsize - leaveBytes;
          if (room <= 0) break;
          writeSync(fd, chunk, 0, Math.min(chunk.length, room));
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        closeSync(fd);
      }
      return path;
    }

    it('calls are refused with 2 as the disk nears full, and every call answered API_OK has its row', async () => {
      const data = join(mount, 'floor');
      mkdirSync(data);
      const server = CallwireProcess.spawn(['start'], setup(dir, data, 1));
      const acknowledged: string[] = [];
      let refused: string | undefined;
      try {
        const client = await XmlClient.open((await server.ready()).api);
        const fillerPath = fill(1024 * 1024 + 256 * 1024); // a quarter MB above the floor
        for (let i = 0; i < 5000 && refused === undefined; i++) {
          const device = String(10000 + i);
          const start = await send(client, 'CALLSTART', { DEVICEID: device, ANI: '6145551212', USER4: 'x'.repeat(250) });
          if (tag(start, 'RESULTTYPE') !== 'API_OK') {
            refused = start;
            break;
          }
          assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: device }), 'RESULTTYPE'), 'API_OK');
          acknowledged.push(device);
        }
        assert.ok(refused, 'the floor was reached');
        assert.equal(tag(refused, 'RESULTTYPE'), 'API_ERROR_OUT_OF_DISK_SPACE');
        client.close();
        rmSync(fillerPath);
      } finally {
        server.kill('SIGTERM');
        await server.exit();
      }
      const storage = await openStorage({ driver: 'sqlite', path: join(data, 'callwire.db') });
      try {
        const rows = await storage.recordings.list();
        assert.ok(acknowledged.length > 0);
        assert.deepEqual(rows.map((r) => r.device_id).sort(), acknowledged.sort(), 'every acknowledged call has its row');
        assert.ok(rows.every((r) => r.state === 'complete'));
      } finally {
        await storage.close();
      }
    });

    it('when the disk is full, the log names ENOSPC and the calls answered API_OK are stored once space is back', async () => {
      const data = join(mount, 'full');
      mkdirSync(data);
      const server = CallwireProcess.spawn(['start'], setup(dir, data, 0));
      try {
        const client = await XmlClient.open((await server.ready()).api);
        const filler = fill(0);
        const devices = ['6001', '6002', '6003'];
        for (const device of devices) {
          assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: device, USER4: 'y'.repeat(250) }), 'RESULTTYPE'), 'API_OK');
        }
        for (const device of devices) assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: device }), 'RESULTTYPE'), 'API_OK');
        const failure = await server.waitFor((l) => /queued and retried/.test(String(l['msg'])));
        assert.match(String(failure['msg']), /ENOSPC/, 'the cause is named');
        assert.doesNotMatch(String(failure['msg']), /cannot rollback/);
        rmSync(filler);
        const storage = await openStorage({ driver: 'sqlite', path: join(data, 'callwire.db') });
        try {
          await waitUntil(async () => {
            const rows = await storage.recordings.list();
            return rows.length === devices.length && rows.every((r) => r.state === 'complete');
          }, 'the queued rows to be stored', 60000);
        } finally {
          await storage.close();
        }
        client.close();
      } finally {
        server.kill('SIGTERM');
        await server.exit();
      }
    });
  });
});
