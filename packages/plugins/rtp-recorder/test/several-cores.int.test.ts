import assert from 'node:assert/strict';
import { onset, PbxMediaSender, readWav, startTestHost, type TestHost, toneShare, type ToneStream } from '@callwire/plugin-kit/testing';
import { afterLastPacket, freePortBase, rtpCore, startCall, startRecorderHost, stopCall, TEST_JITTER_MS, waitForEvent } from './support/calls.js';
import { assertRecorderHeader } from './support/wav-assertions.js';

describe('rtp-recorder: two cores with device assignments', function () {
  this.timeout(30_000);
  let host: TestHost;
  let pbx: PbxMediaSender;

  before(async () => {
    const base = freePortBase();
    host = await startRecorderHost([
      { coreIdent: 1, channels: 2, portRange: [base, base + 9], devices: ['1000-1999'], jitterMs: TEST_JITTER_MS },
      { coreIdent: 2, channels: 1, portRange: [base + 20, base + 29], devices: ['2000-2999', 1500], mix: 'mono', maxRecordTime: 2, jitterMs: TEST_JITTER_MS },
    ]);
    pbx = await PbxMediaSender.open();
  });
  after(async () => {
    pbx?.close();
    await host?.close();
  });

  const a: ToneStream = { ssrc: 11, payloadType: 0, frequency: 1000 };
  const b: ToneStream = { ssrc: 22, payloadType: 0, frequency: 600 };

  it('sends each device to the cores that serve it, and records on that core’s ports', async () => {
    assert.equal((await host.request('CALLSTART', { DEVICEID: '1001' })).message, 'CALLSTART sent to all of the following cores: 1');
    assert.equal((await host.request('CALLSTART', { DEVICEID: '2001' })).message, 'CALLSTART sent to all of the following cores: 2');
    const one = rtpCore(host, 1).activeRecordings().find((r) => r.deviceId === '1001')!;
    const two = rtpCore(host, 2).activeRecordings().find((r) => r.deviceId === '2001')!;
    assert.equal((await waitForEvent(host, '1001', 'RECORDINGSTARTED')).data['COREIDENT'], '1');
    assert.equal((await waitForEvent(host, '2001', 'RECORDINGSTARTED')).data['COREIDENT'], '2');
    assert.notEqual(one.mediaTarget.port, two.mediaTarget.port);

    await Promise.all([pbx.play(one.mediaTarget, [a, b], 25), pbx.play(two.mediaTarget, [a, b], 25)]);
    await afterLastPacket();
    const stereo = readWav((await stopCall(host, '1001')).fileName);
    const mono = readWav((await stopCall(host, '2001')).fileName);

    assertRecorderHeader(stereo, 2);
    const [left, right] = stereo.samples as [Int16Array, Int16Array];
    assert.ok(toneShare(left, onset(left) + 800, 1600, 1000) > 0.9 && toneShare(right, onset(left) + 800, 1600, 600) > 0.9);

    assertRecorderHeader(mono, 1);
    const mixed = mono.samples[0]!;
    const start = onset(mixed);
    const [at1k, at600] = [toneShare(mixed, start + 800, 1600, 1000), toneShare(mixed, start + 800, 1600, 600)];
    assert.ok(at1k > 0.4 && at600 > 0.4 && at1k + at600 > 0.95, `mono mix holds both sides (${at1k.toFixed(2)}, ${at600.toFixed(2)})`);
  });

  it('fans a device served by both cores out to both, and records on the first with a free channel', async () => {
    assert.equal((await host.request('CALLSTART', { DEVICEID: '1500' })).message, 'CALLSTART sent to all of the following cores: 1,2');
    assert.equal((await waitForEvent(host, '1500', 'RECORDINGSTARTED')).data['COREIDENT'], '1');
    await stopCall(host, '1500');
  });

  it('answers for a device no core serves, and for a core with no free channel', async () => {
    const none = await host.request('CALLSTART', { DEVICEID: '3001' });
    assert.equal(none.type, 'API_ERROR_RECORDER_NOT_RUNNING');
    assert.equal(rtpCore(host, 1).hasFreeChannel('3001'), true, 'core 1 has channels, it just does not serve 3001');
    assert.equal(rtpCore(host, 1).serves('3001'), false);

    assert.equal((await host.request('CALLSTART', { DEVICEID: '2002' })).type, 'API_OK');
    const busy = await host.request('CALLSTART', { DEVICEID: '2003' });
    assert.equal(busy.type, 'API_ERROR_NO_FREE_CHANNELS');
    await stopCall(host, '2002');
    assert.equal(rtpCore(host, 2).channels()[0]!.state, 'Idle');
  });
  it('ends a recording at the core’s own maxRecordTime, reported like any stop', async () => {
    const call = await startCall(host, '2004');
    const stopped = await waitForEvent(host, '2004', 'RECORDINGSTOPPED', 1, 4000);
    await waitForEvent(host, '2004', 'RECORDINGUPDATE', 1, 2000);
    assert.equal(stopped.data['FILENAME'], call.fileName);
    const wav = readWav(call.fileName);
    // Two seconds written, plus the jitter delay the writing runs behind wall time.
    assert.ok(wav.durationMs >= 2000 + TEST_JITTER_MS && wav.durationMs <= 2150 + TEST_JITTER_MS, `ended after ${wav.durationMs} ms`);
    assert.equal((await host.request('CALLSTOP', { DEVICEID: '2004' })).type, 'API_OK');
  });
});

describe('rtp-recorder: loaded by its built-in name', function () {
  this.timeout(30_000);

  it('starts from `use: rtp-recorder` with only a COREIDENT', async () => {
    // The default config's entry, on ports of its own so parallel runs do not collide.
    const base = freePortBase();
    const host = await startTestHost({ plugins: [{ use: 'rtp-recorder', options: { coreIdent: 1, portRange: [base, base + 99] } }] });
    try {
      const call = await startCall(host, '4001');
      assert.deepEqual(call.target, { host: '127.0.0.1', port: base });
      assert.equal(rtpCore(host, 1).channels().length, 16);
      await stopCall(host, '4001');
    } finally {
      await host.close();
    }
  });
});
