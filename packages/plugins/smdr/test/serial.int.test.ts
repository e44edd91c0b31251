import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { avayaSegment, mitelRecord, panasonicRecord } from './support/pbx-lines.js';
import { PtyPair } from './support/pty-pair.js';
import { chunked, sampleLines } from './support/samples.js';
import type { TestHost } from '@callwire/plugin-kit/testing';
import { answers, callDetails, callDetailsAfter, eventsOf, recordCall, recordingOnceIt, rejects, logged, rejectsAfter, startSmdr } from './support/plugin-under-test.js';

const TZ = 'America/Chicago';

describe('smdr over a serial port (a real pty pair from socat)', function () {
  this.timeout(30_000);
  let dir: string;
  let pty: PtyPair;
  let host: TestHost | undefined;

  const start = async (options: Record<string, unknown>) => {
    host = await startSmdr({
      timezone: TZ,
      reconnect: { initialMs: 20, maxMs: 200 },
      serial: { path: pty.pluginEnd, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
      ...options,
    });
    await pty.waitUntilPluginOpened();
    return host;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smdr-pty-'));
    pty = new PtyPair(dir);
    await pty.start();
  });
  afterEach(async () => {
    await host?.close();
    host = undefined;
    await pty.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads at the configured line settings (1200 baud, 7E2, XON/XOFF) and CR line endings', async () => {
    const h = await start({ format: 'panasonic', lineEnding: 'CR', serial: { path: pty.pluginEnd, baudRate: 1200, dataBits: 7, parity: 'even', stopBits: 2, xon: true } });
    await pty.writeChunks(chunked(sampleLines('panasonic_kx_smdr.txt').map((l) => `${l}\r`).join('')));
    const rows = await callDetailsAfter(h, 17);
    assert.deepEqual(rows.slice(0, 2).map((r) => [r.device_id, r.dnis, r.duration, r.account_code]), [['11', '1234567890123456789012345', 312, '1234567890'], ['13', null, 56, null]]);
    assert.deepEqual(rejects(h), []);
  });

  it('enriches the recording of a call made through the API with the SMDR written for it, and keeps the record', async () => {
    const h = await start({ format: 'avaya-ipo' });
    const recording = await recordCall(h, '4711');
    assert.equal(recording.ani, null);
    const line = avayaSegment({
      callStart: recording.start_time - 3000, timeZone: TZ, ring: 3, connected: 12, caller: '3125550100', direction: 'I', called: '4711', dialled: '8005550199',
      callId: '1000777', continuation: false, party1: ['E4711', 'Agent 4711'], party2: ['T9001', 'Line 1.1'], account: '42',
    });
    await pty.write(`${line}\r\n`);
    const [row] = await callDetailsAfter(h, 1);
    assert.deepEqual(
      [row!.device_id, row!.call_id, row!.ani, row!.dnis, row!.direction, row!.duration, row!.account_code, row!.raw, row!.recording_ident],
      ['4711', '1000777', '3125550100', '8005550199', 'I', 12, '42', line, recording.ident],
    );
    assert.equal(row!.start_time, Math.floor((recording.start_time - 3000) / 1000) * 1000 + 3000);
    const enriched = await recordingOnceIt(h, recording.ident, (r) => r.callid !== null, 'enriched from the IP Office record');
    assert.deepEqual([enriched.ani, enriched.dnis, enriched.callid, enriched.calldirection], ['3125550100', '8005550199', '1000777', 'I']);
    // One RECORDINGUPDATE when the recording was saved at CALLSTOP, one for the enrichment (published after its write).
    await h.waitFor(() => eventsOf(h, '4711').filter((t) => t === 'RECORDINGUPDATE').length >= 2, 'two RECORDINGUPDATE for 4711');
    assert.equal(eventsOf(h, '4711').at(-1), 'RECORDINGUPDATE');
  });

  it('rejects broken lines with their text and reason, and keeps reading the lines after them', async () => {
    const h = await start({ format: 'mitel' });
    const recording = await recordCall(h, '2001');
    const good = mitelRecord({ start: recording.start_time, timeZone: TZ, durationSeconds: 20, calling: '2001', digits: '5551234', called: 'T054' });
    const broken = ['garbage from a wrong baud rate ~~~', good.replace(/\d\d:\d\d:\d\d/, '25:61:00'), good.slice(0, 40)];
    await pty.write(`${broken.join('\r\n')}\r\n${good}\r\n`);
    const [row] = await callDetailsAfter(h, 1);
    assert.deepEqual([row!.device_id, row!.dnis, row!.direction, row!.recording_ident], ['2001', '5551234', 'O', recording.ident]);
    const rejected = await rejectsAfter(h, 3);
    assert.deepEqual(rejected.map(([, , line]) => line), broken);
    assert.deepEqual(rejected.map(([source]) => source), [pty.pluginEnd, pty.pluginEnd, pty.pluginEnd]);
    assert.match(rejected[0]![1], /^not a Mitel record/);
    assert.match(rejected[1]![1], /25:61:00' is not a valid date and time$/);
    assert.match(rejected[2]![1], /^the record ends at column 40; a Mitel record reaches the called party at column 65$/);
    assert.equal((await callDetails(h)).length, 1);
  });

  it('enriches a recording from a Panasonic record, whose time is the end of the call', async () => {
    const h = await start({ format: 'panasonic' });
    const recording = await recordCall(h, '201');
    // a two-minute call that ended in the minute after the recording started
    const line = panasonicRecord({ end: recording.start_time + 60_000, timeZone: TZ, ext: '201', co: '1', dial: '<I>3125550100', durationSeconds: 120 });
    await pty.write(`${line}\r\n`);
    const [row] = await callDetailsAfter(h, 1);
    assert.deepEqual([row!.device_id, row!.ani, row!.direction, row!.duration, row!.recording_ident], ['201', '3125550100', 'I', 120, recording.ident]);
    assert.equal((await recordingOnceIt(h, recording.ident, (r) => r.calldirection !== null, 'enriched from the Panasonic record')).ani, '3125550100');
  });

  it('reopens the port after it goes away and comes back, without stopping the host', async () => {
    const h = await start({ format: 'mitel' });
    const first = await recordCall(h, '2001');
    await pty.write(`${mitelRecord({ start: first.start_time, timeZone: TZ, durationSeconds: 5, calling: '2001', digits: '5550001', called: 'T054' })}\r\n`);
    await callDetailsAfter(h, 1);

    await pty.stop();
    await logged(h, /^cannot open serial port /);
    assert.equal(await answers(h), true);
    await pty.start();
    await pty.waitUntilPluginOpened();
    const second = await recordCall(h, '2002');
    // half a record, then the rest: the reopened port starts a fresh line
    const line = mitelRecord({ start: second.start_time, timeZone: TZ, durationSeconds: 5, calling: '2002', digits: '5550002', called: 'T054' });
    await pty.writeChunks([line.slice(0, 30), `${line.slice(30)}\r\n`]);
    const rows = await callDetailsAfter(h, 2);
    assert.deepEqual(rows.map((r) => [r.device_id, r.dnis, r.recording_ident]), [['2001', '5550001', first.ident], ['2002', '5550002', second.ident]]);
    assert.deepEqual(rejects(h), []);
  });

  it('starts while the port is not there yet and opens it when it appears', async () => {
    await pty.stop();
    // `retry` is the old name of `reconnect`: configs that still use it keep working.
    host = await startSmdr({ format: 'mitel', timezone: TZ, retry: { initialMs: 20, maxMs: 100 }, serial: { path: pty.pluginEnd } });
    assert.equal(await answers(host), true);
    await logged(host, /^cannot open serial port /);
    await pty.start();
    await pty.waitUntilPluginOpened();
    const recording = await recordCall(host, '2003');
    await pty.write(`${mitelRecord({ start: recording.start_time, timeZone: TZ, durationSeconds: 9, calling: '2003', digits: '5550003', called: 'T054' })}\r\n`);
    const [row] = await callDetailsAfter(host, 1);
    assert.deepEqual([row!.device_id, row!.recording_ident], ['2003', recording.ident]);
  });
});
