import assert from 'node:assert/strict';
import { ApiAuthenticator, isApiAuthRefusal, type ApiAuthRefusal, type ApiPrincipal } from '../../src/directory/api-authenticator.js';
import { LoginThrottle } from '../../src/directory/login-throttle.js';
import { UNKNOWN_USER_HASH } from '../../src/directory/password-hash.js';
import { PasswordCheckRefused, type PasswordCheckOptions, type PasswordHashing } from '../../src/directory/password-hasher.js';
import type { Storage, User } from '../../src/storage/index.js';

/** A hasher that records every check; "stored" hashes are `hash:<password>`. */
class CountingHasher implements PasswordHashing {
  readonly checks: { password: string; stored: string; options?: PasswordCheckOptions }[] = [];
  busy = false;

  async hash(password: string): Promise<string> {
    return `hash:${password}`;
  }

  async verify(password: string, stored: string, options?: PasswordCheckOptions): Promise<boolean> {
    if (this.busy) throw new PasswordCheckRefused('busy');
    if (options?.stillWanted && !options.stillWanted()) throw new PasswordCheckRefused('withdrawn');
    this.checks.push({ password, stored, ...(options ? { options } : {}) });
    return stored === `hash:${password}`;
  }
}

const user = (id: number, username: string, passwordHash: string | null) => ({ user_id: id, username, password_hash: passwordHash }) as unknown as User;

function storage(): Pick<Storage, 'users' | 'roles'> {
  const users = [user(7, 'integrator', 'hash:s3cret!'), user(8, 'nopassword', null), user(9, 'viewer', 'hash:s3cret!')];
  return {
    users: { findByUsername: async (name: string) => users.find((u) => u.username === name) },
    roles: { permissionsOfUser: async (id: number) => (id === 7 ? ['ALLOWAPIAUTH'] : []) },
  } as unknown as Pick<Storage, 'users' | 'roles'>;
}

const refusal = (outcome: ApiPrincipal | ApiAuthRefusal) => (isApiAuthRefusal(outcome) ? outcome.refusal : 'accepted');

describe('ApiAuthenticator', () => {
  let now: number;
  const clock = { now: () => now };
  let hasher: CountingHasher;
  let authenticator: ApiAuthenticator;
  beforeEach(() => {
    now = 5_000_000;
    hasher = new CountingHasher();
    authenticator = new ApiAuthenticator(storage(), clock, { hasher });
  });

  it('runs the same password check for an unknown user, a user without a password and a wrong password', async () => {
    const outcomes = [
      await authenticator.authenticate('nobody', 'guess'),
      await authenticator.authenticate('nopassword', 'guess'),
      await authenticator.authenticate('integrator', 'guess'),
    ];
    assert.deepEqual(outcomes, [0, 1, 2].map(() => ({ refusal: 'credentials', message: 'unknown user or wrong password' })));
    assert.deepEqual(hasher.checks.map((c) => [c.password, c.stored]), [
      ['guess', UNKNOWN_USER_HASH],
      ['guess', UNKNOWN_USER_HASH],
      ['guess', 'hash:s3cret!'],
    ]);
    assert.ok(hasher.checks.every((c) => c.options?.refuseWhenBusy === true), 'logins may be refused when the pool is busy');
  });

  it('accepts the right password of a user with ALLOWAPIAUTH (then from the cache), refuses one without it', async () => {
    assert.deepEqual(await authenticator.authenticate('integrator', 's3cret!'), { userId: 7, username: 'integrator' });
    assert.deepEqual(await authenticator.authenticate('integrator', 's3cret!'), { userId: 7, username: 'integrator' });
    assert.equal(hasher.checks.length, 1, 'the second time came from the cache');
    assert.equal(refusal(await authenticator.authenticate('viewer', 's3cret!')), 'permission');
  });

  it('answers busy at once when the pool refuses the check', async () => {
    hasher.busy = true;
    const outcome = await authenticator.authenticate('integrator', 's3cret!', '10.0.0.5');
    assert.deepEqual(outcome, { refusal: 'busy', message: 'the server is busy checking other passwords; retry in a second', retryAfterSeconds: 1 });
  });

  it('backs off an address after repeated failures without checking its passwords, other addresses unaffected', async () => {
    authenticator = new ApiAuthenticator(storage(), clock, { hasher, throttle: new LoginThrottle(clock, { freeFailures: 3 }) });
    const from = (address: string, name = 'nobody', password = 'guess') => authenticator.authenticate(name, password, address);
    for (let i = 0; i < 4; i++) assert.equal(refusal(await from('10.0.0.5')), 'credentials');
    assert.equal(hasher.checks.length, 4);
    const blocked = await from('10.0.0.5', 'integrator', 's3cret!');
    assert.deepEqual(blocked, { refusal: 'backoff', message: 'too many failed logins from 10.0.0.5; retry in 1 s', retryAfterSeconds: 1 });
    assert.equal(hasher.checks.length, 4, 'no check while blocked, not even of the right password');
    assert.equal(refusal(await from('10.0.0.6', 'integrator', 's3cret!')), 'accepted', 'another address may log in');

    now += 1000;
    assert.equal(refusal(await from('10.0.0.5')), 'credentials', 'tried again once the wait is over');
    assert.equal((await from('10.0.0.5') as ApiAuthRefusal).retryAfterSeconds, 2, 'the next wait is twice as long');
    now += 2000;
    assert.equal(refusal(await from('10.0.0.5', 'integrator', 's3cret!')), 'accepted');
    for (let i = 0; i < 3; i++) assert.equal(refusal(await from('10.0.0.5')), 'credentials', 'a success starts the count afresh');
  });

  it('withdraws a check that waited while its address became blocked', async () => {
    const throttle = new LoginThrottle(clock, { freeFailures: 0 });
    authenticator = new ApiAuthenticator(storage(), clock, { hasher, throttle });
    const waiting = { stillWanted: undefined as undefined | (() => boolean) };
    hasher.verify = async (_password, _stored, options) => {
      waiting.stillWanted = options?.stillWanted;
      throttle.failed('10.0.0.5'); // another request from the address failed meanwhile
      if (options?.stillWanted && !options.stillWanted()) throw new PasswordCheckRefused('withdrawn');
      return false;
    };
    assert.equal(refusal(await authenticator.authenticate('integrator', 's3cret!', '10.0.0.5')), 'backoff');
  });
});
