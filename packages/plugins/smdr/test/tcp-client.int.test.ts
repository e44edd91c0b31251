import assert from 'node:assert/strict';
import { THREECX_CSV } from './support/generic-mappings.js';
import { mitelRecord, panasonicRecord } from './support/pbx-lines.js';
import { PbxSmdrServer } from './support/pbx-tcp.js';
import { chunked, sampleLines } from './support/samples.js';
import type { TestHost } from '@callwire/plugin-kit/testing';
import { answers, callDetails, callDetailsAfter, recordCall, recordingOnceIt, rejects, logged, rejectsAfter, startSmdr } from './support/plugin-under-test.js';

const TZ = 'Europe/London';

describe('smdr as a TCP client of the PBX (the test server stands in for the PBX)', function () {
  this.timeout(30_000);
  let pbx: PbxSmdrServer;
  let host: TestHost | undefined;

  const start = (options: Record<string, unknown>, connect: Record<string, unknown> = {}) =>
    startSmdr({ timezone: TZ, reconnect: { initialMs: 20, maxMs: 200 }, tcp: { connect: { host: '127.0.0.1', port: pbx.port, ...connect } }, ...options });

  beforeEach(async () => {
    pbx = await PbxSmdrServer.start();
  });
  afterEach(async () => {
    await host?.close();
    host = undefined;
    await pbx.close();
  });

  it('logs in to a Panasonic SMDR port (username, then password, each with CRLF) and reads the Panasonic sample', async () => {
    host = await start({ format: 'panasonic' }, { login: { password: 'PCCSMDR' } });
    await pbx.waitForConnections(1);
    await pbx.waitForReceived(1, 'SMDR\r\nPCCSMDR\r\n');
    assert.deepEqual(pbx.received, ['SMDR\r\nPCCSMDR\r\n']);
    await pbx.send(chunked(sampleLines('panasonic_kx_smdr.txt').map((l) => `${l}\r\n`).join('')));
    const rows = await callDetailsAfter(host, 17);
    assert.deepEqual(rows.at(-1)!.raw, '01/02/02 01:07PM  1234    EXT1235                               00:01\'05');
    assert.deepEqual(rejects(host), []);
  });

  it('enriches the recording of a call with the Mitel record written for it', async () => {
    host = await start({ format: 'mitel' });
    await pbx.waitForConnections(1);
    const recording = await recordCall(host, '2001');
    const line = mitelRecord({ start: recording.start_time, timeZone: TZ, durationSeconds: 42, calling: '2001', digits: '02079460000', called: 'T054', account: '7788' });
    await pbx.send([`${line}\r\n`]);
    const [row] = await callDetailsAfter(host, 1);
    assert.deepEqual(
      [row!.device_id, row!.dnis, row!.ani, row!.direction, row!.duration, row!.account_code, row!.recording_ident, row!.start_time],
      ['2001', '02079460000', '2001', 'O', 42, '7788', recording.ident, Math.floor(recording.start_time / 1000) * 1000],
    );
    const enriched = await recordingOnceIt(host, recording.ident, (r) => r.calldirection !== null, 'enriched from the Mitel record');
    assert.deepEqual([enriched!.ani, enriched!.dnis, enriched!.calldirection], ['2001', '02079460000', 'O']);
    assert.deepEqual(pbx.received, [''], 'without login, nothing is written to the PBX');
  });

  it('reconnects after the PBX goes away and comes back; a record cut off by the drop is rejected, not glued to the next', async () => {
    host = await start({ format: 'mitel' });
    await pbx.waitForConnections(1);
    const first = await recordCall(host, '2001');
    const cut = mitelRecord({ start: first.start_time, timeZone: TZ, durationSeconds: 5, calling: '2001', digits: '5550001', called: 'T054' });
    await pbx.send([`${cut}\r\n`, cut.slice(0, 50)]);
    await callDetailsAfter(host, 1);

    await pbx.close();
    await logged(host, /^cannot connect to the PBX at 127\.0\.0\.1:\d+ /);
    assert.equal(await answers(host), true);
    await pbx.listen();
    await pbx.waitForConnections(2);
    const second = await recordCall(host, '2002');
    const line = mitelRecord({ start: second.start_time, timeZone: TZ, durationSeconds: 5, calling: '2002', digits: '5550002', called: 'T054' });
    await pbx.send([line.slice(0, 20), `${line.slice(20)}\r\n`]);
    const rows = await callDetailsAfter(host, 2);
    assert.deepEqual(rows.map((r) => [r.device_id, r.recording_ident]), [['2001', first.ident], ['2002', second.ident]]);
    const rejected = await rejectsAfter(host, 1);
    assert.deepEqual(rejected.map(([, , l]) => l), [cut.slice(0, 50)]);
  });

  it('keeps retrying a PBX that is not there yet without stopping the host', async () => {
    await pbx.close();
    host = await start({ format: 'mitel' });
    await logged(host, /^cannot connect to the PBX at 127\.0\.0\.1:\d+ /);
    assert.equal(await answers(host), true);
    await pbx.listen();
    await pbx.waitForConnections(1);
    const recording = await recordCall(host, '2005');
    await pbx.send([`${mitelRecord({ start: recording.start_time, timeZone: TZ, durationSeconds: 5, calling: '2005', digits: '5550005', called: 'T054' })}\r\n`]);
    assert.equal((await callDetailsAfter(host, 1))[0]!.recording_ident, recording.ident);
  });

  it('rejects a record with a value too long for call_details (generic CSV, 3CX layout)', async () => {
    host = await start({ format: 'csv', timezone: 'UTC', csv: THREECX_CSV });
    await pbx.waitForConnections(1);
    const lines = sampleLines('3cx_cdr.txt');
    const tooLong = lines[0]!.replace('+353861777149', '+'.padEnd(70, '9'));
    await pbx.send([`${lines.join('\n')}\n${tooLong}\n`]);
    const [row] = await callDetailsAfter(host, 1);
    assert.deepEqual([row!.device_id, row!.call_id, row!.duration, row!.ani, row!.start_time], ['960', '00000C21DE5C2470_6531', 336, '+353861777149', Date.parse('2023-09-19T13:33:54Z')]);
    const rejected = await rejectsAfter(host, 1);
    assert.deepEqual(rejected.map(([, reason, line]) => [reason, line]), [['device 960: not stored: call_details.ani is 70 characters; the column holds 64', tooLong]]);
    assert.equal((await callDetails(host)).length, 1);
  });

  it('keeps a record whose value is too long for the recording in call_details whole, and enriches the recording with what fits', async () => {
    host = await start({ format: 'panasonic' });
    await pbx.waitForConnections(1);
    const recording = await recordCall(host, '301');
    const line = panasonicRecord({ end: recording.start_time + 60_000, timeZone: TZ, ext: '301', co: '2', dial: '0044207946000012345678', durationSeconds: 90 });
    await pbx.send([`${line}\r\n`]);
    const [row] = await callDetailsAfter(host, 1);
    assert.deepEqual([row!.device_id, row!.dnis, row!.recording_ident], ['301', '0044207946000012345678', recording.ident]);
    const enriched = await recordingOnceIt(host, recording.ident, (r) => r.calldirection !== null, 'enriched with what fits');
    assert.equal(enriched.dnis, null, 'a DNIS longer than the column is not cut into the recording');
    assert.equal(enriched.calldirection, 'O', 'the fields that fit are copied');
  });
});
