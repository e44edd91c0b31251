import assert from 'node:assert/strict';
import type { LiveAudioListener, LiveAudioStart } from '@callwire/plugin-api';
import { PACKET_FRAMES, PbxMediaSender, readWav, type TestHost, toneShare } from '@callwire/plugin-kit/testing';
import { afterLastPacket, freePortBase, rtpCore, startCall, startRecorderHost, stopCall, TEST_JITTER_MS, waitForEvent } from './support/calls.js';

/** A live audio listener that keeps everything it is given (copied: the frames array is reused). */
class HeardAudio implements LiveAudioListener {
  info: LiveAudioStart | undefined;
  readonly pieces: Int16Array[] = [];
  stopped: string | undefined;
  start(info: LiveAudioStart): void {
    this.info = info;
  }
  audio(frames: Int16Array): void {
    this.pieces.push(frames.slice());
  }
  stop(reason: string): void {
    this.stopped = reason;
  }
  /** Every sample heard, interleaved as sent. */
  samples(): Int16Array {
    const all = new Int16Array(this.pieces.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const piece of this.pieces) {
      all.set(piece, at);
      at += piece.length;
    }
    return all;
  }
}

/** A WAV's samples interleaved again, as the file holds them. */
function interleaved(samples: readonly Int16Array[]): Int16Array {
  const frames = samples[0]!.length;
  const out = new Int16Array(frames * samples.length);
  for (let f = 0; f < frames; f++) samples.forEach((channel, c) => (out[f * samples.length + c] = channel[f]!));
  return out;
}

describe('rtp-recorder: live audio', function () {
  this.timeout(30_000);
  let host: TestHost;
  let pbx: PbxMediaSender;

  before(async () => {
    const base = freePortBase();
    host = await startRecorderHost([
      { coreIdent: 1, channels: 2, portRange: [base, base + 3], devices: ['7000-7099'], jitterMs: TEST_JITTER_MS },
      { coreIdent: 2, channels: 1, portRange: [base + 4, base + 5], devices: ['7100-7199'], mix: 'mono', jitterMs: TEST_JITTER_MS },
    ]);
    pbx = await PbxMediaSender.open();
  });
  after(async () => {
    pbx?.close();
    await host?.close();
  });

  it('hands a listener exactly the frames the file gets from then on, blackout zeros included, and stops it at the end', async () => {
    const call = await startCall(host, '7001', { CALLID: 'C-1' });
    const core = rtpCore(host, 1);
    const heard = new HeardAudio();
    assert.ok(core.liveAudio('7001', heard), 'the running recording is offered');
    assert.deepEqual(heard.info, {
      deviceId: '7001', recording: call.key, callId: 'C-1',
      participants: [{ name: '', aor: '', role: 'farEnd' }, { name: '', aor: '', role: 'device' }],
      sampleRate: 8000, channels: ['sideA', 'sideB'],
    });
    assert.equal(core.liveAudio('7002', new HeardAudio()), undefined, 'a device with no recording has no live audio');

    assert.equal((await host.request('CALLUPDATE', { DEVICEID: '7001', CALLID: 'C-2' })).type, 'API_OK');
    const late = new HeardAudio();
    const lateTap = core.liveAudio('7001', late)!;
    assert.equal(late.info?.callId, 'C-2', 'a listener joining later learns the CALLID as updated');

    const tones = [{ ssrc: 11, payloadType: 0, frequency: 1000 }, { ssrc: 12, payloadType: 8, frequency: 600 }] as const;
    await pbx.play(call.target, tones, 25);
    assert.equal((await host.request('BLACKOUTSTART', { DEVICEID: '7001' })).type, 'API_OK');
    await waitForEvent(host, '7001', 'RECORDINGPAUSED');
    await pbx.play(call.target, tones, 25);
    assert.equal((await host.request('BLACKOUTSTOP', { DEVICEID: '7001' })).type, 'API_OK');
    await waitForEvent(host, '7001', 'RECORDINGRESUMED');
    lateTap.close();
    await pbx.play(call.target, tones, 25);
    await afterLastPacket();
    const stopped = await stopCall(host, '7001');

    assert.equal(heard.stopped, 'the recording stopped');
    assert.equal(late.stopped, undefined, 'a closed tap is not stopped');
    const file = interleaved(readWav(stopped.fileName).samples);
    const live = heard.samples();
    assert.ok(live.length > 0 && live.length % 2 === 0);
    assert.deepEqual(live, file.subarray(file.length - live.length), 'live audio is the end of the file, sample for sample');
    assert.ok(late.samples().length < live.length, 'the closed tap was fed no more');

    // The blackout's 25 packets reached the listener as zeros, the tones on their sides before and after.
    const left = readWav(stopped.fileName).samples[0]!;
    const start = file.length / 2 - live.length / 2;
    const toneAt = (frame: number) => toneShare(left, frame, PACKET_FRAMES, 1000);
    let zeros = 0;
    let longest = 0;
    for (let i = 0; i < live.length; i++) {
      zeros = live[i] === 0 ? zeros + 1 : 0;
      longest = Math.max(longest, zeros);
    }
    assert.ok(longest >= 2 * 25 * PACKET_FRAMES, `the blackout is silent in the live audio (longest run of zeros ${longest} samples)`);
    assert.ok(Array.from({ length: 40 }, (_, k) => toneAt(start + k * PACKET_FRAMES)).some((share) => share > 0.9), 'the side A tone was heard live');
  });

  it('names one mixed channel for a mono core, and offers nothing once the recording stopped', async () => {
    const call = await startCall(host, '7101');
    const heard = new HeardAudio();
    rtpCore(host, 2).liveAudio('7101', heard);
    assert.deepEqual([heard.info?.recording, heard.info?.channels, heard.info?.callId], [call.key, ['mix'], '']);
    await stopCall(host, '7101');
    assert.equal(heard.stopped, 'the recording stopped');
    assert.equal(rtpCore(host, 2).liveAudio('7101', new HeardAudio()), undefined, 'nothing once it stopped');
  });
});
