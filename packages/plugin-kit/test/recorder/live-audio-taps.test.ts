import assert from 'node:assert/strict';
import type { LiveAudioListener, LiveAudioStart } from '@callwire/plugin-api';
import { LiveAudioTaps } from '../../src/index.js';
import { CapturedLog } from '../support/captured-log.js';

const START: LiveAudioStart = {
  deviceId: '7001', recording: 'r-1', callId: 'C-9',
  participants: [{ name: '', aor: '', role: 'farEnd' }, { name: '', aor: '', role: 'device' }],
  sampleRate: 8000, channels: ['farEnd', 'device'],
};

/** A listener that notes what it was told, copying frames (the array is reused). */
class Notes implements LiveAudioListener {
  readonly heard: string[] = [];
  readonly frames: number[][] = [];
  start(info: LiveAudioStart): void {
    this.heard.push(`start ${info.recording}`);
  }
  audio(frames: Int16Array): void {
    this.heard.push(`audio ${frames.length}`);
    this.frames.push([...frames]);
  }
  stop(reason: string): void {
    this.heard.push(`stop ${reason}`);
  }
}

describe('LiveAudioTaps', () => {
  it('starts a listener at once, feeds it every piece in order, and stops it once', () => {
    const taps = new LiveAudioTaps();
    const a = new Notes();
    taps.add(a, START);
    assert.deepEqual(a.heard, ['start r-1']);
    const scratch = new Int16Array([1, -1, 2, -2]);
    taps.feed(scratch);
    scratch.set([3, -3, 4, -4]);
    taps.feed(scratch.subarray(0, 2));
    taps.stop('recording stopped');
    taps.stop('again');
    taps.feed(scratch);
    assert.deepEqual(a.heard, ['start r-1', 'audio 4', 'audio 2', 'stop recording stopped']);
    assert.deepEqual(a.frames, [[1, -1, 2, -2], [3, -3]]);
    assert.equal(taps.size, 0);
  });

  it('stops feeding a listener whose tap is closed, without calling its stop', () => {
    const taps = new LiveAudioTaps();
    const a = new Notes();
    const b = new Notes();
    const tapA = taps.add(a, START);
    taps.add(b, START);
    assert.equal(taps.size, 2);
    tapA.close();
    tapA.close();
    assert.equal(taps.size, 1);
    taps.feed(new Int16Array(2));
    taps.stop('done');
    assert.deepEqual(a.heard, ['start r-1']);
    assert.deepEqual(b.heard, ['start r-1', 'audio 2', 'stop done']);
  });

  it('drops a listener that throws, logs it once, and keeps feeding the others', () => {
    const log = new CapturedLog();
    const taps = new LiveAudioTaps(log);
    const good = new Notes();
    let calls = 0;
    const bad: LiveAudioListener = {
      start: () => undefined,
      audio: () => {
        calls++;
        throw new Error('socket gone');
      },
      stop: () => assert.fail('a dropped listener is not stopped'),
    };
    taps.add(bad, START);
    taps.add(good, START);
    assert.doesNotThrow(() => taps.feed(new Int16Array(4)));
    taps.feed(new Int16Array(4));
    taps.stop('done');
    assert.equal(calls, 1);
    assert.deepEqual(good.heard, ['start r-1', 'audio 4', 'audio 4', 'stop done']);
    assert.deepEqual(log.lines(), ['warn a live audio listener failed and is dropped: socket gone']);
  });

  it('does not add a listener whose start throws, nor let a throwing stop reach the caller', () => {
    const taps = new LiveAudioTaps(new CapturedLog());
    taps.add({ start: () => { throw new Error('no'); }, audio: () => assert.fail('never fed'), stop: () => assert.fail('never stopped') }, START);
    assert.equal(taps.size, 0);
    taps.add({ start: () => undefined, audio: () => undefined, stop: () => { throw new Error('late'); } }, START);
    assert.doesNotThrow(() => taps.stop('done'));
  });

  it('lets a listener close its own tap while being fed', () => {
    const taps = new LiveAudioTaps();
    const after = new Notes();
    let fed = 0;
    const tap = taps.add({ start: () => undefined, audio: () => { fed++; tap.close(); }, stop: () => assert.fail('closed, not stopped') }, START);
    taps.add(after, START);
    taps.feed(new Int16Array(2));
    taps.feed(new Int16Array(2));
    taps.stop('done');
    assert.equal(fed, 1);
    assert.deepEqual(after.heard, ['start r-1', 'audio 2', 'audio 2', 'stop done']);
  });

  it('starts and at once stops a listener added after the recording ended', () => {
    const taps = new LiveAudioTaps();
    taps.stop('MAXRECORDTIME reached');
    const late = new Notes();
    taps.add(late, START);
    taps.feed(new Int16Array(2));
    assert.deepEqual(late.heard, ['start r-1', 'stop MAXRECORDTIME reached']);
    assert.equal(taps.size, 0);
  });
});
