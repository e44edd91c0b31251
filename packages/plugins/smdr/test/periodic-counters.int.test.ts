import assert from 'node:assert/strict';
import { ManualClock } from '@callwire/plugin-kit';
import { startTestHost, type TestHost } from '@callwire/plugin-kit/testing';
import { PbxSmdrPusher, freePort } from './support/pbx-tcp.js';
import { callDetailsAfter, PLUGIN_ENTRY, rejectsAfter } from './support/plugin-under-test.js';

const MINUTE = 60_000;

/** The counters an operator sees while the plugin runs: every `statsIntervalMinutes` at info, driven by the host's (manual) clock. */
describe('smdr logs its counters every statsIntervalMinutes', function () {
  this.timeout(30_000);
  let host: TestHost | undefined;
  let clock: ManualClock;

  const start = async (extra: Record<string, unknown>) => {
    const port = await freePort();
    clock = new ManualClock();
    host = await startTestHost({
      plugins: [{ use: PLUGIN_ENTRY, options: { format: 'csv', timezone: 'UTC', csv: { fields: { deviceId: 1, start: 2, duration: 3 } }, tcp: { listen: { host: '127.0.0.1', port } }, ...extra } }],
      captureLogs: true,
      clock,
    });
    const pbx = await PbxSmdrPusher.connectWhenListening(port);
    await pbx.send(['201,2026/01/05 08:55:00,30\r\n', 'not a record\r\n']);
    await callDetailsAfter(host, 1);
    await rejectsAfter(host, 1);
  };
  const countLines = () => host!.logs.filter((line) => /^SMDR so far: /.test(String(line['msg'])));
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('every 5 minutes when statsIntervalMinutes is 5: lines, stored, matched, rejected, ignored', async () => {
    await start({ statsIntervalMinutes: 5 });
    await clock.advance(5 * MINUTE - 1);
    assert.equal(countLines().length, 0, 'nothing before the interval has passed');
    await clock.advance(1);
    assert.equal(countLines().length, 1);
    const [line] = countLines();
    assert.equal(line!['level'], 30, 'at info');
    assert.deepEqual([line!['lines'], line!['stored'], line!['matched'], line!['rejected'], line!['ignored']], [2, 1, 0, 1, 0]);
    assert.equal(line!['msg'], 'SMDR so far: 2 lines, 1 records stored (0 enriched a recording), 1 rejected, 0 ignored');
    await clock.advance(10 * MINUTE);
    assert.equal(countLines().length, 3, 'once per interval');
  });

  it('every 15 minutes by default', async () => {
    await start({});
    await clock.advance(15 * MINUTE - 1);
    assert.equal(countLines().length, 0);
    await clock.advance(1);
    assert.equal(countLines().length, 1);
  });

  it('never with 0, only at stop', async () => {
    await start({ statsIntervalMinutes: 0 });
    await clock.advance(24 * 60 * MINUTE);
    assert.equal(countLines().length, 0);
    const logs = host!.logs;
    await host!.close();
    host = undefined;
    assert.ok(logs.some((line) => String(line['msg']) === 'SMDR at stop: 2 lines, 1 records stored (0 enriched a recording), 1 rejected, 0 ignored'));
  });
});
