import assert from 'node:assert/strict';
import { Backoff } from '../../src/plugins/backoff.js';

describe('Backoff (plugins reconnecting)', () => {
  it('doubles from the first wait up to the cap, exactly without jitter, and starts over after reset()', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0 });
    assert.deepEqual(Array.from({ length: 7 }, () => backoff.next()), [100, 200, 400, 800, 1000, 1000, 1000]);
    backoff.reset();
    assert.equal(backoff.next(), 100);
  });

  it('takes at most 20% off each wait by default', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000 });
    const bases = [100, 200, 400, 800, 1000, 1000, 1000];
    for (const base of bases) {
      const wait = backoff.next();
      assert.ok(wait <= base && wait >= base * 0.8, `wait ${wait} for base ${base}`);
    }
  });

  it('stays at the cap however long it keeps failing', () => {
    const backoff = new Backoff({ initialMs: 1, maxMs: 60_000, jitter: 0 });
    for (let i = 0; i < 2000; i++) backoff.next();
    assert.equal(backoff.next(), 60_000);
  });
});
