import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Storage } from '../storage/index.js';
import { verifyPassword } from './password-hash.js';

/** The permission that lets a user call the API over HTTP and WebSocket (the manual's permission table). */
export const API_AUTH_PERMISSION = 'ALLOWAPIAUTH';

/** Who an accepted client is. */
export interface ApiPrincipal {
  readonly userId: number;
  readonly username: string;
}

/** Why a client was refused, in words fit for the client. */
export type ApiAuthRefusal = 'unknown user or wrong password' | 'the user\'s role lacks ALLOWAPIAUTH';

const CACHE_MS = 60_000;

/**
 * Checks WebAPI and WebSocket credentials when `auth.required` is on: a live
 * user whose password matches its stored scrypt hash and one of whose roles
 * has ALLOWAPIAUTH. A verified credential is remembered for a minute (by a
 * digest, never the password), so a client does not pay a slow hash on
 * every request.
 */
export class ApiAuthenticator {
  private readonly verified = new Map<string, { principal: ApiPrincipal; until: number }>();

  constructor(
    private readonly storage: Pick<Storage, 'users' | 'roles'>,
    private readonly clock: Clock,
  ) {}

  async authenticate(username: string, password: string): Promise<ApiPrincipal | ApiAuthRefusal> {
    const key = createHash('sha256').update(`${username}\u0000${password}`).digest('base64');
    const now = this.clock.now();
    const cached = this.verified.get(key);
    if (cached && cached.until > now) return cached.principal;
    const user = await this.storage.users.findByUsername(username);
    // findByUsername sees live users only: a deleted user cannot authenticate.
    if (!user?.password_hash || !(await verifyPassword(password, user.password_hash))) return 'unknown user or wrong password';
    const permissions = await this.storage.roles.permissionsOfUser(user.user_id);
    if (!permissions.includes(API_AUTH_PERMISSION)) return 'the user\'s role lacks ALLOWAPIAUTH';
    const principal = { userId: user.user_id, username };
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(key, { principal, until: now + CACHE_MS });
    return principal;
  }
}
