import assert from 'node:assert/strict';
import { ManualClock } from '../src/index.js';

describe('ManualClock', () => {
  it('runs timers in due order, each seeing its due time, and intervals again each period', async () => {
    const clock = new ManualClock(1000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => seen.push(`a@${clock.now()}`), 100);
    const tick = clock.setInterval(() => seen.push(`i@${clock.now()}`), 150);
    await clock.advance(320);
    assert.deepEqual(seen, ['a@1100', 'i@1150', 'b@1200', 'i@1300']);
    assert.equal(clock.now(), 1320);
    clock.clearInterval(tick);
    await clock.advance(1000);
    assert.equal(seen.length, 4);
    assert.equal(clock.pendingCount, 0);
  });

  it('runs a timer set by a timer when it falls due within the same advance', async () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => seen.push(clock.now()), 50), 50);
    await clock.advance(99);
    assert.deepEqual(seen, []);
    await clock.advance(1);
    assert.deepEqual(seen, [100]);
  });

  it('lets a promise chain started by a timer settle before the next timer runs', async () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    clock.setTimeout(() => void Promise.resolve().then(() => seen.push('chain')), 10);
    clock.setTimeout(() => seen.push('second'), 20);
    await clock.advance(30);
    assert.deepEqual(seen, ['chain', 'second']);
  });
});
