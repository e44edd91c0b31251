import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelStatus } from '@callwire/plugin-api';
import { recordingPath } from '@callwire/plugin-kit';
import { onset, PACKET_FRAMES, PbxMediaSender, readWav, slots, type TestHost, toneShare } from '@callwire/plugin-kit/testing';
import { afterLastPacket, deviceEvents, freePortBase, NO_FIELDS, rtpCore, startCall, startRecorderHost, stopCall, TEST_JITTER_MS, waitForEvent } from './support/calls.js';
import { assertRecorderHeader, assertSilent, assertWallClockLength } from './support/wav-assertions.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tone1k = { ssrc: 42, payloadType: 0, frequency: 1000 } as const;

describe('rtp-recorder: recording control through the API and the core', function () {
  this.timeout(30_000);
  let host: TestHost;
  let pbx: PbxMediaSender;
  let base: number;

  before(async () => {
    base = freePortBase();
    host = await startRecorderHost([
      { coreIdent: 1, channels: 3, portRange: [base, base + 9], static: [{ channel: 17, device: '7002', port: base + 40 }], jitterMs: TEST_JITTER_MS },
    ]);
    pbx = await PbxMediaSender.open();
  });
  after(async () => {
    pbx?.close();
    await host?.close();
  });

  const channel = (id: number): ChannelStatus => rtpCore(host).channels().find((c) => c.id === id)!;

  it('records a device with a static channel on that channel’s port', async () => {
    assert.deepEqual(
      rtpCore(host).channels().map((c) => [c.id, c.state, c.recordingDevice]),
      [[1, 'Idle', ''], [2, 'Idle', ''], [3, 'Idle', ''], [17, 'Idle', '7002']],
    );
    const call = await startCall(host, '7002');
    assert.equal(call.channel, 17);
    assert.deepEqual(call.target, { host: '127.0.0.1', port: base + 40 });
    await pbx.play(call.target, [tone1k], 25);
    await afterLastPacket();
    const wav = readWav((await stopCall(host, '7002')).fileName);
    const left = wav.samples[0]!;
    assert.deepEqual(new Set(slots(left, onset(left), 25, [1000])), new Set(['tone 1000']));
    assert.equal(channel(17).recordingDevice, '7002', 'a static channel keeps its device when idle');
  });

  it('reports channel states with the time of their last change', async () => {
    const core = rtpCore(host);
    const t0 = Date.now();
    const call = await startCall(host, '7021', { DEVICEALIAS: 'Front desk' });
    const recording = channel(call.channel);
    assert.equal(recording.state, 'Recording');
    assert.equal(recording.recordingDevice, '7021');
    assert.equal(recording.recordingDeviceAlias, 'Front desk');
    assert.ok(recording.lastStateChange >= t0 && recording.lastStateChange <= Date.now());
    assert.equal((await host.request('CALLUPDATE', { DEVICEID: '7021', DEVICEALIAS: 'Back office' })).type, 'API_OK');
    assert.equal(channel(call.channel).recordingDeviceAlias, 'Back office');

    // The scheduler's own commands, observed between the synchronous part and the answer.
    const stopping = core.stopRecording(call.key, Date.now());
    assert.equal(channel(call.channel).state, 'FinishRecording');
    const stopped = await stopping;
    assert.equal(channel(call.channel).state, 'Idle');
    assert.equal(channel(call.channel).recordingDevice, '');
    // The engine's CALLSTOP, arriving after, gets the same result rather than an error.
    const saved = await stopCall(host, '7021');
    assert.equal(saved.fileName, stopped.fileName);

    const order = { key: 'direct-1', deviceId: '7022', callInstance: '', fields: NO_FIELDS, startedAt: Date.now() };
    const starting = core.startRecording(order);
    const preparing = core.channels().find((c) => c.recordingDevice === '7022')!;
    assert.equal(preparing.state, 'PreparingToRecord');
    const started = await starting;
    assert.equal(channel(started.channel).state, 'Recording');
    await core.stopRecording('direct-1', Date.now());

    // A file that cannot be created puts the channel in Error; the others stay usable.
    const startedAt = Date.now();
    const blocked = recordingPath(host.recordingsPath, '7023', startedAt);
    mkdirSync(join(blocked, '..', '..'), { recursive: true });
    writeFileSync(join(blocked, '..'), 'a file where the device directory should be');
    await assert.rejects(core.startRecording({ ...order, key: 'direct-2', deviceId: '7023', startedAt }), /cannot create the recording file/);
    const broken = core.channels().find((c) => c.recordingDevice === '7023')!;
    assert.equal(broken.state, 'Error');
    assert.equal(core.hasFreeChannel('7024'), true);
  });

  it('writes silence for a paused span and discards the audio sent meanwhile', async () => {
    const core = rtpCore(host);
    const before = core.stats();
    const call = await startCall(host, '7031');
    // The tone goes on until the test has seen some of it after the resume, however long a busy machine takes to get there.
    const hangUp = new AbortController();
    const playing = pbx.play(call.target, [tone1k], 1500, {}, hangUp.signal);
    await sleep(600); // at least 600 ms of tone before the pause
    const pausedAt = Date.now();
    await core.pauseRecording(call.key, pausedAt);
    assert.equal(core.activeRecordings().find((r) => r.key === call.key)?.paused, true);
    const discardedNow = () => core.stats().discardedWhilePaused - before.discardedWhilePaused;
    // Paused while half a second of packets arrives (however long a busy machine takes to deliver them).
    await host.waitFor(() => discardedNow() >= 25, '25 packets arriving while paused');
    // Read and resumed in one synchronous step: no packet can arrive in between.
    const discardedAtResume = discardedNow();
    const resumedAt = Date.now();
    await core.resumeRecording(call.key, resumedAt);
    const sentAtResume = pbx.sent;
    await host.waitFor(() => pbx.sent >= sentAtResume + 10, '200 ms of tone after the resume');
    hangUp.abort();
    await playing;
    await afterLastPacket();
    const stopped = await stopCall(host, '7031');
    const wav = readWav(stopped.fileName);
    assertWallClockLength(wav, call, stopped);
    const from = Math.round((pausedAt - call.startedAt) * 8);
    const to = Math.round((resumedAt - call.startedAt) * 8);
    assertSilent(wav, from, to, 'the paused span');
    const left = wav.samples[0]!;
    assert.ok(toneShare(left, from - 2 * PACKET_FRAMES, PACKET_FRAMES, 1000) > 0.9, 'tone up to the pause');
    assert.ok(toneShare(left, to + PACKET_FRAMES, PACKET_FRAMES, 1000) > 0.9, 'tone again after the resume');
    assert.equal(discardedNow(), discardedAtResume, 'the packets that arrived while paused were discarded, and none after the resume');
    assert.equal(core.stats().lost - before.lost, 0, 'discarded packets are not counted as lost');
  });

  it('overwrites spans with silence: written to disk, still in memory, not yet written, and after the stop', async () => {
    const core = rtpCore(host);
    const call = await startCall(host, '7032');
    const at = (ms: number) => call.startedAt + ms; // the SPI takes times, like the engine's blackouts
    const playing = pbx.play(call.target, [tone1k], 100);
    await sleep(1700);
    await core.silence(call.key, at(200), at(500)); // on disk by now (the first 32 KiB chunk went at ~1 s of audio)
    await core.silence(call.key, at(1400), at(1500)); // in the chunk in memory
    await core.silence(call.key, at(1700), at(1800)); // not yet written
    await playing;
    await stopCall(host, '7032');
    await core.silence(call.key, at(1900), at(1950)); // the closed file
    const wav = readWav(call.fileName);
    const left = wav.samples[0]!;
    for (const [from, to] of [[200, 500], [1400, 1500], [1700, 1800], [1900, 1950]] as const) {
      assertSilent(wav, from * 8, to * 8, `${from}-${to} ms`);
      assert.ok(toneShare(left, from * 8 - PACKET_FRAMES, PACKET_FRAMES, 1000) > 0.9, `tone just before ${from} ms`);
      assert.ok(toneShare(left, to * 8, PACKET_FRAMES, 1000) > 0.9, `tone just after ${to} ms`);
    }
    await assert.rejects(core.silence('no-such-recording', 0, 10), /has no recording/);
  });

  it('carries out a blackout sent through the API, reaching back with a negative TIMEOFFSET', async () => {
    const call = await startCall(host, '7034');
    // The tone goes on until the test has seen the blackout end, however long a busy machine takes to get there.
    const hangUp = new AbortController();
    const playing = pbx.play(call.target, [tone1k], 1500, {}, hangUp.signal);
    await sleep(1500); // at least 1.5 s of tone before the blackout
    const startSent = Date.now();
    assert.equal((await host.request('BLACKOUTSTART', { DEVICEID: '7034', TIMEOFFSET: -1 })).type, 'API_OK');
    const startReplied = Date.now();
    await waitForEvent(host, '7034', 'RECORDINGPAUSED');
    await sleep(700);
    const stopSent = Date.now();
    assert.equal((await host.request('BLACKOUTSTOP', { DEVICEID: '7034' })).type, 'API_OK');
    await waitForEvent(host, '7034', 'RECORDINGRESUMED');
    // The core resumed by now (the event follows the resume); on a busy machine that can be a while after the reply.
    const resumed = Date.now();
    const sentAtResume = pbx.sent;
    await host.waitFor(() => pbx.sent >= sentAtResume + 10, '200 ms of tone after the blackout');
    hangUp.abort();
    await playing;
    await afterLastPacket();
    const wav = readWav((await stopCall(host, '7034')).fileName);
    const frame = (t: number) => Math.round((t - call.startedAt) * 8);
    // Silent from a second before the start (the reach-back) until the stop.
    assertSilent(wav, frame(startReplied - 1000), frame(stopSent), 'the blackout');
    const left = wav.samples[0]!;
    assert.ok(toneShare(left, frame(startSent - 1000) - 2 * PACKET_FRAMES, PACKET_FRAMES, 1000) > 0.9, 'tone before the blackout');
    assert.ok(toneShare(left, frame(resumed) + PACKET_FRAMES, PACKET_FRAMES, 1000) > 0.9, 'tone after the blackout');
  });

  it('an agent blackout silences both of the agent\'s simultaneous calls from a second back until its stop, tone elsewhere', async () => {
    const added = await host.request('IMPORTUSER', { ACTION: 'ADD', FIRSTNAME: 'Pat', LASTNAME: 'Card', SYS_USER: 'pcard' });
    const agent = String(added.body!['USERID']);
    for (const phone of ['7051', '7052']) assert.equal((await host.request('IMPORTAGENTPHONE', { ACTION: 'ADD', AGENTID: agent, PHONEID: phone })).type, 'API_OK');
    const calls = [await startCall(host, '7051'), await startCall(host, '7052')];
    const hangUp = new AbortController();
    const playing = calls.map((call, i) => pbx.play(call.target, [{ ...tone1k, ssrc: 500 + i }], 1500, {}, hangUp.signal));
    await sleep(2000); // at least 2 s of tone before the blackout
    const startSent = Date.now();
    assert.equal((await host.request('AGENTBLACKOUTSTART', { SYS_USER: 'pcard', TIMEOFFSET: -1 })).type, 'API_OK');
    const startReplied = Date.now();
    await sleep(2000);
    const stopSent = Date.now();
    assert.equal((await host.request('AGENTBLACKOUTSTOP', { SYS_USER: 'pcard' })).type, 'API_OK');
    for (const call of calls) await waitForEvent(host, call.device, 'RECORDINGRESUMED');
    // Both cores resumed by now (each event follows its resume); on a busy machine that can be a while after the reply.
    const resumed = Date.now();
    const sentAtStop = pbx.sent;
    await host.waitFor(() => pbx.sent >= sentAtStop + 20, '200 ms of tone on both calls after the blackout');
    hangUp.abort();
    await Promise.all(playing);
    await afterLastPacket();
    for (const call of calls) {
      const wav = readWav((await stopCall(host, call.device)).fileName);
      const frame = (t: number) => Math.round((t - call.startedAt) * 8);
      assertSilent(wav, frame(startReplied - 1000), frame(stopSent), `the agent blackout on ${call.device}`);
      const left = wav.samples[0]!;
      assert.ok(toneShare(left, frame(startSent - 1000) - 2 * PACKET_FRAMES, PACKET_FRAMES, 1000) > 0.9, `tone before the blackout on ${call.device}`);
      assert.ok(toneShare(left, frame(resumed) + PACKET_FRAMES, PACKET_FRAMES, 1000) > 0.9, `tone after the blackout on ${call.device}`);
    }
  });

  it('starts silent when the order says a blackout is already in force, until resumed', async () => {
    const core = rtpCore(host);
    const startedAt = Date.now();
    const started = await core.startRecording({
      key: 'paused-from-start', deviceId: '7035', callInstance: '', fields: NO_FIELDS, startedAt, startPaused: true,
    });
    const playing = pbx.play(started.mediaTarget!, [tone1k], 50);
    await sleep(500);
    const resumedAt = Date.now();
    await core.resumeRecording('paused-from-start', resumedAt);
    await playing;
    await afterLastPacket();
    const stopped = await core.stopRecording('paused-from-start', Date.now());
    const wav = readWav(stopped.fileName);
    const resumeFrame = Math.round((resumedAt - startedAt) * 8);
    assertSilent(wav, 0, resumeFrame, 'before the resume');
    assert.ok(toneShare(wav.samples[0]!, resumeFrame + PACKET_FRAMES, PACKET_FRAMES, 1000) > 0.9, 'tone after the resume');
    await assert.rejects(core.startRecording({ key: 'screen', deviceId: '7036', callInstance: '', fields: NO_FIELDS, startedAt, media: 'screen' }), /not screens/);
  });

  it('stops by itself after MAXRECORDSILENCE seconds of silence; the engine reports the stop', async () => {
    const call = await startCall(host, '7033', { MAXRECORDSILENCE: 1 });
    await pbx.play(call.target, [tone1k], 25); // 0.5 s of tone, then the line goes quiet
    const stoppedEvent = await waitForEvent(host, '7033', 'RECORDINGSTOPPED', 1, 3000);
    const update = await waitForEvent(host, '7033', 'RECORDINGUPDATE', 1, 3000);
    assert.equal(deviceEvents(host, '7033', 'CALLSTOP').length, 0, 'the core stopped before any CALLSTOP');
    assert.equal(update.data['FILENAME'], call.fileName);
    assert.equal(stoppedEvent.data['CHANNEL'], String(call.channel));
    assert.equal(channel(call.channel).state, 'Idle');

    const wav = readWav(call.fileName);
    assertRecorderHeader(wav, 2);
    const start = onset(wav.samples[0]!);
    // A second of silence written, plus the jitter delay the writing runs behind wall time.
    const silentMs = (wav.frames - start - 25 * PACKET_FRAMES) / 8;
    assert.ok(silentMs >= 1000 + TEST_JITTER_MS && silentMs <= 1150 + TEST_JITTER_MS, `stopped after ${silentMs} ms of silence`);
    assertSilent(wav, start + 25 * PACKET_FRAMES, wav.frames, 'the silence that ended it');

    // The call goes on without a recording; its CALLSTOP is answered normally.
    const stop = await host.request('CALLSTOP', { DEVICEID: '7033' });
    assert.equal(stop.type, 'API_OK');
    await sleep(50);
    assert.equal(deviceEvents(host, '7033', 'RECORDINGSTOPPED').length, 1);
  });
});
