import assert from 'node:assert/strict';
import { LoginThrottle } from '../../src/directory/login-throttle.js';

describe('LoginThrottle: per-address backoff after failed logins', () => {
  let now: number;
  const clock = { now: () => now };
  beforeEach(() => (now = 1_000_000));

  it('lets five failures through, then makes the address wait 1 s, 2 s, 4 s … up to the maximum', () => {
    const throttle = new LoginThrottle(clock, { maxDelayMs: 8000 });
    for (let i = 0; i < 5; i++) {
      assert.equal(throttle.blockedForMs('10.0.0.9'), 0);
      throttle.failed('10.0.0.9');
    }
    assert.equal(throttle.blockedForMs('10.0.0.9'), 0, 'five failures are free');
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      throttle.failed('10.0.0.9');
      waits.push(throttle.blockedForMs('10.0.0.9'));
      now += waits.at(-1)!;
      assert.equal(throttle.blockedForMs('10.0.0.9'), 0, 'free again once the wait is over');
    }
    assert.deepEqual(waits, [1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('keeps addresses apart, and a success clears the address', () => {
    const throttle = new LoginThrottle(clock, { freeFailures: 1 });
    throttle.failed('10.0.0.1');
    throttle.failed('10.0.0.1');
    assert.equal(throttle.blockedForMs('10.0.0.1'), 1000);
    assert.equal(throttle.blockedForMs('10.0.0.2'), 0);
    throttle.succeeded('10.0.0.1');
    assert.equal(throttle.blockedForMs('10.0.0.1'), 0);
    throttle.failed('10.0.0.1');
    assert.equal(throttle.blockedForMs('10.0.0.1'), 0, 'counting starts afresh');
  });

  it('forgets an address that has not failed for forgetAfterMs, and remembers at most maxSources', () => {
    const throttle = new LoginThrottle(clock, { freeFailures: 1, forgetAfterMs: 60_000, maxSources: 2 });
    throttle.failed('a');
    now += 60_001;
    throttle.failed('a');
    assert.equal(throttle.blockedForMs('a'), 0, 'the old failure was forgotten');
    throttle.failed('a');
    assert.equal(throttle.blockedForMs('a'), 1000);
    throttle.failed('b');
    throttle.failed('b');
    throttle.failed('c');
    throttle.failed('c');
    assert.equal(throttle.blockedForMs('a'), 0, 'the least recently failed address was dropped');
    assert.equal(throttle.blockedForMs('b'), 1000);
    assert.equal(throttle.blockedForMs('c'), 1000);
  });
});
