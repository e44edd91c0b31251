import assert from 'node:assert/strict';
import { SignalQueue } from '../src/index.js';
import { CapturedLog } from './support/captured-log.js';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SignalQueue', () => {
  it('applies signals one at a time in arrival order: a slow start is done before its stop begins', async () => {
    const queue = new SignalQueue({ log: new CapturedLog() });
    const seen: string[] = [];
    const signal = (name: string, ms: number) => async () => {
      seen.push(`${name} begins`);
      await later(ms);
      seen.push(`${name} done`);
    };
    queue.push('callstart 201', signal('start', 30));
    queue.push('callstop 201', signal('stop', 0));
    queue.push('sync', () => void seen.push('sync'));
    assert.equal(queue.size, 3);
    await queue.drain();
    assert.deepEqual(seen, ['start begins', 'start done', 'stop begins', 'stop done', 'sync']);
    assert.equal(queue.size, 0);
  });

  it('logs a signal that rejects or throws, with its name, and goes on with the next', async () => {
    const log = new CapturedLog();
    const queue = new SignalQueue({ log });
    const seen: string[] = [];
    queue.push('callstop 999', () => Promise.reject(new Error('no call on device 999')));
    queue.push('hold 201', () => {
      throw new Error('not in a call');
    });
    queue.push('callstart 202', () => void seen.push('202 started'));
    await queue.drain();
    assert.deepEqual(seen, ['202 started']);
    assert.deepEqual(log.lines(), ['error callstop 999 failed: no call on device 999', 'error hold 201 failed: not in a call']);
  });

  it('drain() waits for signals pushed while it waits', async () => {
    const queue = new SignalQueue({ log: new CapturedLog() });
    const seen: number[] = [];
    queue.push('first', async () => {
      await later(10);
      queue.push('pushed by the first', () => void seen.push(2));
      seen.push(1);
    });
    await queue.drain();
    await queue.drain();
    assert.deepEqual(seen, [1, 2]);
  });

  it('is bounded: when full it refuses the next signal, logs that once, and counts the refused when there is room', async () => {
    const log = new CapturedLog();
    const queue = new SignalQueue({ log, limit: 2 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const applied: string[] = [];
    assert.equal(queue.push('a', () => gate.then(() => void applied.push('a'))), true);
    assert.equal(queue.push('b', () => void applied.push('b')), true);
    assert.deepEqual([queue.push('c', () => void applied.push('c')), queue.push('d', () => void applied.push('d'))], [false, false]);
    release();
    await queue.drain();
    assert.equal(queue.push('e', () => void applied.push('e')), true);
    await queue.drain();
    assert.deepEqual(applied, ['a', 'b', 'e']);
    assert.deepEqual(log.lines(), [
      'warn 2 signals are waiting: refused c and every one after it until there is room',
      'warn room again for signals: 2 were refused meanwhile',
    ]);
  });
});
