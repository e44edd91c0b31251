import assert from 'node:assert/strict';
import { avayaSegment } from './support/pbx-lines.js';
import { PbxSmdrPusher, freePort } from './support/pbx-tcp.js';
import { sampleLines } from './support/samples.js';
import type { TestHost } from '@callwire/plugin-kit/testing';
import { callDetails, callDetailsAfter, recordCall, recordingOnceIt, rejectsAfter, startSmdr } from './support/plugin-under-test.js';

const TZ = 'Australia/Sydney';

describe('smdr listening for a PBX that pushes SMDR (the test connects as the PBX)', function () {
  this.timeout(30_000);
  let host: TestHost | undefined;
  let port: number;

  const start = (options: Record<string, unknown>, listen: Record<string, unknown> = {}) =>
    startSmdr({ timezone: TZ, reconnect: { initialMs: 20, maxMs: 200 }, tcp: { listen: { host: '127.0.0.1', port, ...listen } }, ...options });

  beforeEach(async () => {
    port = await freePort();
  });
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('merges the segments of a transferred call and enriches the recording on each extension', async () => {
    host = await start({ format: 'avaya-ipo' });
    const before = await recordCall(host, '201');
    const after = await recordCall(host, '202');
    const common = { timeZone: TZ, caller: '0298765432', direction: 'I' as const, called: '201', dialled: '0291234567', callId: '1004242' };
    const callStart = before.start_time - 2000;
    const segment1 = avayaSegment({ ...common, callStart, ring: 2, connected: 0, hold: 1, continuation: true, party1: ['E201', 'Alice'], party2: ['T9001', 'Line 1'], targetingCause: 'U XfP', targeter: 'Alice' });
    const segment2 = avayaSegment({ ...common, callStart, ring: 0, connected: 3, continuation: false, party1: ['E202', 'Bob'], party2: ['T9001', 'Line 1'], targetingCause: 'U Xfd', targeter: 'Alice' });
    const other = avayaSegment({ ...common, callId: '1004243', callStart, ring: 1, connected: 1, continuation: false, party1: ['E203', 'Carol'], party2: ['T9002', 'Line 2'] });
    const pbx = await PbxSmdrPusher.connectWhenListening(port);
    await pbx.send([`${segment1}\r\n`, `${other}\r\n`]);
    // Lines are taken in order: once the call sent after the segment is stored, the segment has been seen, and held.
    const [first] = await callDetailsAfter(host, 1);
    assert.equal(first!.call_id, '1004243');
    assert.equal((await callDetails(host)).length, 1, 'a segment with Continuation = 1 waits for the rest of its call');
    await pbx.send([`${segment2}\r\n`]);
    const rows = await callDetailsAfter(host, 3);
    assert.deepEqual(
      rows.map((r) => [r.device_id, r.call_id, r.direction, r.ani, r.dnis, r.raw, r.recording_ident]),
      [
        ['203', '1004243', 'I', '0298765432', '0291234567', other, null],
        ['201', '1004242', 'I', '0298765432', '0291234567', `${segment1}\n${segment2}`, before.ident],
        ['202', '1004242', 'I', '0298765432', '0291234567', `${segment1}\n${segment2}`, after.ident],
      ],
    );
    for (const ident of [before.ident, after.ident]) {
      const r = await recordingOnceIt(host, ident, (rec) => rec.callid !== null, 'enriched from the merged call');
      assert.deepEqual([r!.callid, r!.ani, r!.dnis, r!.calldirection], ['1004242', '0298765432', '0291234567', 'I']);
    }
    await pbx.end();
  });

  it('records held-back segments when their last segment never comes', async () => {
    host = await start({ format: 'avaya-ipo', avaya: { pendingTimeoutSeconds: 0.3 } });
    const pbx = await PbxSmdrPusher.connectWhenListening(port);
    await pbx.send([`${sampleLines('avaya_ipoffice_smdr.txt')[2]}\r\n`]);
    const [row] = await callDetailsAfter(host, 1);
    assert.deepEqual([row!.device_id, row!.call_id, row!.duration], ['4750', '1000014160', 24]);
    await pbx.end();
  });

  it('takes the PBX back when it reconnects; a line cut off by its disconnect is rejected, not glued to the next', async () => {
    host = await start({ format: 'avaya-ipo' });
    const lines = sampleLines('avaya_ipoffice_smdr.txt');
    const first = await PbxSmdrPusher.connectWhenListening(port);
    await first.send([`${lines[0]}\r\n`, lines[1]!.slice(0, 25)]);
    await first.end();
    const second = await PbxSmdrPusher.connect(port);
    await second.send([`${lines[4]}\r\n`]);
    const rows = await callDetailsAfter(host, 2);
    assert.deepEqual(rows.map((r) => r.call_id), ['1000014155', '1000013']);
    const rejected = await rejectsAfter(host, 1);
    assert.deepEqual(rejected.map(([, reason, line]) => [reason, line]), [['2 comma-separated fields; an IP Office record has at least 17 (30 in full)', lines[1]!.slice(0, 25)]]);
    await second.end();
  });

  it('refuses a peer outside tcp.listen.allow', async () => {
    host = await start({ format: 'avaya-ipo' }, { allow: ['192.0.2.1'] });
    const pbx = await PbxSmdrPusher.connectWhenListening(port);
    await pbx.send([`${sampleLines('avaya_ipoffice_smdr.txt')[0]}\r\n`]).catch(() => undefined);
    // The plugin closes a refused peer as it accepts it, before reading a byte.
    await pbx.closed();
    assert.deepEqual(await callDetails(host), []);
  });
});
