import assert from 'node:assert/strict';
import type { CallcopyEvent } from '../../src/events/callcopy-event.js';
import { EventReplayBuffer } from '../../src/events/event-replay.js';

const event = (deviceId: string): CallcopyEvent => ({ type: 'CALLSTART', module: 'Api', deviceId, data: {}, at: 0 });
const all = () => true;

describe('EventReplayBuffer (since=SEQ)', () => {
  it('gives the held events after a SEQ, in order, also after the ring has wrapped', () => {
    const buffer = new EventReplayBuffer(3, 100);
    for (let seq = 101; seq <= 107; seq++) buffer.hold(seq, event(String(seq)));
    const replay = buffer.after(105, all);
    assert.deepEqual([replay.gone, replay.oldest, replay.events.map((e) => e.seq)], [false, 105, [106, 107]]);
    assert.deepEqual(buffer.after(104, all).events.map((e) => e.event.deviceId), ['105', '106', '107']);
    assert.deepEqual(buffer.after(107, all), { gone: false, oldest: 105, events: [] });
  });

  it('says gone for a SEQ older than held, or newer than published, and then gives all it holds', () => {
    const buffer = new EventReplayBuffer(3, 100);
    for (let seq = 101; seq <= 105; seq++) buffer.hold(seq, event(String(seq)));
    for (const since of [0, 101, 106]) {
      const replay = buffer.after(since, all);
      assert.deepEqual([replay.gone, replay.events.map((e) => e.seq)], [true, [103, 104, 105]], `since ${since}`);
    }
    assert.equal(buffer.after(102, all).gone, false, 'the one before the oldest held is not gone');
  });

  it('holds nothing with capacity 0 (and when nothing was published): any earlier SEQ is gone, the latest is not', () => {
    const none = new EventReplayBuffer(0, 100);
    none.hold(101, event('x'));
    assert.deepEqual(none.after(100, all), { gone: true, oldest: 102, events: [] });
    assert.deepEqual(none.after(101, all), { gone: false, oldest: 102, events: [] });
    assert.deepEqual(new EventReplayBuffer(10, 100).after(100, all), { gone: false, oldest: 101, events: [] });
  });

  it('gives only the events the filter accepts', () => {
    const buffer = new EventReplayBuffer(10, 0);
    ['a', 'b', 'a'].forEach((device, i) => buffer.hold(i + 1, event(device)));
    assert.deepEqual(buffer.after(0, (e) => e.deviceId === 'a').events.map((e) => e.seq), [1, 3]);
  });
});

describe('EventReplayBuffer.restart (a jump in the sequence)', () => {
  it('drops what it held: a SEQ before the jump is gone, the one it restarts from is not, and it holds on from there', () => {
    const buffer = new EventReplayBuffer(4, 100);
    for (let seq = 101; seq <= 103; seq++) buffer.hold(seq, event(String(seq)));
    buffer.restart(500);
    assert.deepEqual(buffer.after(103, all), { gone: true, oldest: 501, events: [] });
    assert.deepEqual(buffer.after(500, all), { gone: false, oldest: 501, events: [] });
    for (let seq = 501; seq <= 506; seq++) buffer.hold(seq, event(String(seq)));
    const replay = buffer.after(499, all);
    assert.deepEqual([replay.gone, replay.oldest, replay.events.map((e) => e.event.deviceId)], [true, 503, ['503', '504', '505', '506']]);
    assert.deepEqual(buffer.after(504, all).events.map((e) => e.seq), [505, 506]);
  });

  it('may go down (a relay below the bus\'s own first seq)', () => {
    const buffer = new EventReplayBuffer(4, 1_000_000);
    buffer.hold(1_000_001, event('own'));
    buffer.restart(41);
    buffer.hold(42, event('relayed'));
    assert.deepEqual(buffer.after(41, all).events.map((e) => e.event.deviceId), ['relayed']);
    assert.equal(buffer.after(1_000_001, all).gone, true);
  });
});
