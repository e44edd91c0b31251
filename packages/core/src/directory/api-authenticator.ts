import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Storage } from '../storage/index.js';
import { LoginThrottle } from './login-throttle.js';
import { UNKNOWN_USER_HASH } from './password-hash.js';
import { PasswordCheckRefused, PasswordHasher, type PasswordHashing } from './password-hasher.js';

/** The permission that lets a user call the API over HTTP and WebSocket (the manual's permission table). */
export const API_AUTH_PERMISSION = 'ALLOWAPIAUTH';

/** Who an accepted client is. */
export interface ApiPrincipal {
  readonly userId: number;
  readonly username: string;
}

/**
 * Why a client was refused:
 * - `credentials`: unknown user or wrong password (the two are not told apart);
 * - `permission`: the password is right but no role of the user has ALLOWAPIAUTH;
 * - `busy`: too many passwords are waiting to be checked; retry shortly;
 * - `backoff`: too many failed logins from the client's address; retry after `retryAfterSeconds`.
 */
export interface ApiAuthRefusal {
  readonly refusal: 'credentials' | 'permission' | 'busy' | 'backoff';
  /** In words fit for the client, one line. */
  readonly message: string;
  /** For `busy` and `backoff`: when the client may try again. */
  readonly retryAfterSeconds?: number;
}

export function isApiAuthRefusal(outcome: ApiPrincipal | ApiAuthRefusal): outcome is ApiAuthRefusal {
  return 'refusal' in outcome;
}

export interface ApiAuthenticatorOptions {
  /** Shared with the directory, so all the server's scrypt work is bounded together; default a pool of its own. */
  readonly hasher?: PasswordHashing;
  /** Per-address backoff after failed logins; default a LoginThrottle with its defaults. */
  readonly throttle?: LoginThrottle;
}

const CACHE_MS = 60_000;
const CREDENTIALS: ApiAuthRefusal = { refusal: 'credentials', message: 'unknown user or wrong password' };
const PERMISSION: ApiAuthRefusal = { refusal: 'permission', message: 'the user\'s role lacks ALLOWAPIAUTH' };
const BUSY: ApiAuthRefusal = { refusal: 'busy', message: 'the server is busy checking other passwords; retry in a second', retryAfterSeconds: 1 };

/**
 * Checks WebAPI and WebSocket credentials when `auth.required` is on: a live
 * user whose password matches its stored scrypt hash and one of whose roles
 * has ALLOWAPIAUTH. A verified credential is remembered for a minute (by a
 * digest, never the password), so a client does not pay a slow hash on
 * every request.
 *
 * The slow hash runs in the bounded {@link PasswordHasher}, never on the
 * event loop; an unknown user is checked against {@link UNKNOWN_USER_HASH},
 * so it costs what a wrong password costs. An address with repeated failures
 * is refused without a check for a while ({@link LoginThrottle}).
 */
export class ApiAuthenticator {
  private readonly verified = new Map<string, { principal: ApiPrincipal; until: number }>();
  private readonly hasher: PasswordHashing;
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly storage: Pick<Storage, 'users' | 'roles'>,
    private readonly clock: Clock,
    options: ApiAuthenticatorOptions = {},
  ) {
    this.hasher = options.hasher ?? new PasswordHasher();
    this.throttle = options.throttle ?? new LoginThrottle(clock);
  }

  /** `source` is the client's address, for the per-address backoff; without one there is none. */
  async authenticate(username: string, password: string, source?: string): Promise<ApiPrincipal | ApiAuthRefusal> {
    // Before the cache too: while an address is blocked, not even a cached credential is told right from wrong.
    const blocked = this.blocked(source);
    if (blocked) return blocked;
    const key = createHash('sha256').update(`${username}\u0000${password}`).digest('base64');
    const now = this.clock.now();
    const cached = this.verified.get(key);
    if (cached && cached.until > now) {
      if (source !== undefined) this.throttle.succeeded(source);
      return cached.principal;
    }
    // findByUsername sees live users only: a deleted user cannot authenticate.
    const user = await this.storage.users.findByUsername(username);
    let matches: boolean;
    try {
      matches = await this.hasher.verify(password, user?.password_hash ?? UNKNOWN_USER_HASH, {
        refuseWhenBusy: true,
        stillWanted: () => this.blocked(source) === undefined,
      });
    } catch (error) {
      if (!(error instanceof PasswordCheckRefused)) throw error;
      return error.reason === 'busy' ? BUSY : this.blocked(source) ?? BUSY;
    }
    if (!user?.password_hash || !matches) {
      if (source !== undefined) this.throttle.failed(source);
      return CREDENTIALS;
    }
    if (source !== undefined) this.throttle.succeeded(source);
    const permissions = await this.storage.roles.permissionsOfUser(user.user_id);
    if (!permissions.includes(API_AUTH_PERMISSION)) return PERMISSION;
    const principal = { userId: user.user_id, username };
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(key, { principal, until: now + CACHE_MS });
    return principal;
  }

  private blocked(source: string | undefined): ApiAuthRefusal | undefined {
    const waitMs = source === undefined ? 0 : this.throttle.blockedForMs(source);
    if (waitMs <= 0) return undefined;
    const retryAfterSeconds = Math.ceil(waitMs / 1000);
    return { refusal: 'backoff', message: `too many failed logins from ${source}; retry in ${retryAfterSeconds} s`, retryAfterSeconds };
  }
}
