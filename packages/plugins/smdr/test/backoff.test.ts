import assert from 'node:assert/strict';
import { Backoff } from '../src/backoff.js';

describe('backoff', () => {
  it('doubles from the first wait up to the cap, and starts over after reset()', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000 });
    assert.deepEqual(Array.from({ length: 7 }, () => backoff.next()), [100, 200, 400, 800, 1000, 1000, 1000]);
    backoff.reset();
    assert.equal(backoff.next(), 100);
  });

  it('stays at the cap however long it keeps failing', () => {
    const backoff = new Backoff({ initialMs: 1, maxMs: 60_000 });
    for (let i = 0; i < 2000; i++) backoff.next();
    assert.equal(backoff.next(), 60_000);
  });
});
