import assert from 'node:assert/strict';
import { ManualClock } from '@callwire/plugin-kit';
import { CancellableTimers } from '../../src/index.js';

describe('CancellableTimers: the engine\'s timers, cancelled at stop', () => {
  it('runs timers and intervals on the timers below, and cancelAll cancels what is still pending', async () => {
    const clock = new ManualClock();
    const timers = new CancellableTimers(clock);
    const ran: string[] = [];
    timers.setTimeout(() => ran.push('soon'), 100);
    timers.setTimeout(() => ran.push('later'), 10_000);
    timers.setInterval(() => ran.push('tick'), 300);
    const cleared = timers.setTimeout(() => ran.push('cleared'), 50);
    timers.clearTimeout(cleared);
    await clock.advance(700);
    assert.deepEqual(ran, ['soon', 'tick', 'tick']);
    assert.equal(timers.pendingCount, 2, 'the later timer and the interval');
    timers.cancelAll();
    assert.equal(timers.pendingCount, 0);
    assert.equal(clock.pendingCount, 0, 'cancelled below too');
    await clock.advance(60_000);
    assert.deepEqual(ran, ['soon', 'tick', 'tick']);
  });
});
