import assert from 'node:assert/strict';
import { Backoff } from '../src/index.js';

describe('Backoff (plugins reconnecting)', () => {
  it('doubles from the first wait up to the cap, exactly without jitter, and starts over after reset()', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0 });
    assert.deepEqual(Array.from({ length: 7 }, () => backoff.next()), [100, 200, 400, 800, 1000, 1000, 1000]);
    backoff.reset();
    assert.equal(backoff.next(), 100);
  });

  it('takes at most 20% off each wait by default, and nothing is ever above the cap', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000 });
    const bases = [100, 200, 400, 800, 1000, 1000, 1000];
    for (const base of bases) {
      const wait = backoff.next();
      assert.ok(wait <= base && wait >= base * 0.8, `wait ${wait} for base ${base}`);
    }
  });

  it('spans the whole jitter range: the full wait at random 0, a fifth less at random near 1', () => {
    const low = new Backoff({ initialMs: 1000, maxMs: 8000, random: () => 0 });
    const high = new Backoff({ initialMs: 1000, maxMs: 8000, random: () => 0.999999 });
    assert.deepEqual([low.next(), low.next(), low.next(), low.next(), low.next()], [1000, 2000, 4000, 8000, 8000]);
    assert.deepEqual([high.next(), high.next(), high.next(), high.next(), high.next()], [800, 1600, 3200, 6400, 6400]);
    const half = new Backoff({ initialMs: 1000, maxMs: 8000, jitter: 0.5, random: () => 0.999999 });
    assert.equal(half.next(), 500);
  });

  it('stays at the cap however long it keeps failing', () => {
    const backoff = new Backoff({ initialMs: 1, maxMs: 60_000, jitter: 0 });
    for (let i = 0; i < 2000; i++) backoff.next();
    assert.equal(backoff.next(), 60_000);
  });
});
