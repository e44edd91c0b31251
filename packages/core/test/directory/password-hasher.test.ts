import assert from 'node:assert/strict';
import { PasswordCheckRefused, PasswordHasher } from '../../src/directory/password-hasher.js';
import { UNKNOWN_USER_HASH, hashPassword, verifyPassword } from '../../src/directory/password-hash.js';

/** Slow functions the test finishes by hand, counting how many run at once. */
class HeldPrimitives {
  running = 0;
  most = 0;
  started = 0;
  private readonly pending: (() => void)[] = [];

  hash = (password: string) => this.hold(`hash:${password}`);
  verify = (password: string) => this.hold(password === 'right').then((ok) => ok === true);

  /** Finishes the oldest running job. */
  finishOne(): void {
    this.pending.shift()!();
  }

  private hold<T>(value: T): Promise<T> {
    this.started++;
    this.running++;
    this.most = Math.max(this.most, this.running);
    return new Promise((resolve) => {
      this.pending.push(() => {
        this.running--;
        resolve(value);
      });
    });
  }
}

/** Lets the promise jobs queued so far run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('PasswordHasher: every scrypt of the server, bounded', () => {
  it('runs at most `concurrency` at once, the rest in order as slots free up', async () => {
    const slow = new HeldPrimitives();
    const hasher = new PasswordHasher({ concurrency: 2, maxQueue: 100, primitives: slow });
    const checks = Array.from({ length: 7 }, (_, i) => hasher.verify(i === 6 ? 'right' : 'wrong', 'stored'));
    await settle();
    assert.equal(slow.running, 2);
    assert.equal(hasher.queued, 5);
    for (let i = 0; i < 7; i++) {
      slow.finishOne();
      await settle();
    }
    assert.deepEqual(await Promise.all(checks), [false, false, false, false, false, false, true]);
    assert.equal(slow.most, 2, 'never more than two at once');
    assert.equal(slow.started, 7);
  });

  it('refuses a login at once when the queue is full, while directory hashing still waits its turn', async () => {
    const slow = new HeldPrimitives();
    const hasher = new PasswordHasher({ concurrency: 1, maxQueue: 2, primitives: slow });
    const first = hasher.verify('wrong', 's', { refuseWhenBusy: true });
    const queued = [hasher.verify('wrong', 's', { refuseWhenBusy: true }), hasher.verify('wrong', 's', { refuseWhenBusy: true })];
    await assert.rejects(hasher.verify('wrong', 's', { refuseWhenBusy: true }), (err: unknown) => err instanceof PasswordCheckRefused && err.reason === 'busy');
    const imported = hasher.hash('p');
    await settle();
    assert.equal(hasher.queued, 3, 'the IMPORTUSER hash waits past the login limit');
    for (let i = 0; i < 4; i++) {
      slow.finishOne();
      await settle();
    }
    assert.equal(await first, false);
    await Promise.all(queued);
    assert.equal(await imported, 'hash:p');
    assert.equal(slow.started, 4, 'the refused login was never hashed');
  });

  it('skips a waiting check that is no longer wanted when its turn comes', async () => {
    const slow = new HeldPrimitives();
    const hasher = new PasswordHasher({ concurrency: 1, primitives: slow });
    let wanted = true;
    const running = hasher.verify('wrong', 's');
    const waiting = hasher.verify('wrong', 's', { stillWanted: () => wanted });
    const after = hasher.verify('right', 's');
    await settle();
    wanted = false;
    slow.finishOne();
    await assert.rejects(waiting, (err: unknown) => err instanceof PasswordCheckRefused && err.reason === 'withdrawn');
    await settle();
    slow.finishOne();
    assert.equal(await running, false);
    assert.equal(await after, true, 'the slot went on to the next check');
    assert.equal(slow.started, 2);
  });

  it('checks an unknown user against a hash no password matches, at the same cost as a real one', async function () {
    this.timeout(20000);
    const real = await hashPassword('s3cret!');
    assert.equal(UNKNOWN_USER_HASH.split('$')[2], real.split('$')[2], 'the same scrypt parameters');
    assert.equal(await verifyPassword('', UNKNOWN_USER_HASH), false);
    assert.equal(await verifyPassword('s3cret!', UNKNOWN_USER_HASH), false);
  });
});
