import type { Clock } from '../../clock.js';
import type { Storage } from '../../storage/index.js';
import type { ApiSession } from '../api-command.js';
import { ApiError } from '../api-error.js';

/** The manual's permissions for downloading and for emailing exports. */
export type ExportPermission = 'ALLOWEXPORTDOWNLOAD' | 'ALLOWEXPORTEMAIL';

/** Longest audit detail kept; an IDENT list can be long. */
const MAX_DETAIL = 2000;

/** What the access checks need. */
export interface ExportAccessDeps {
  readonly storage: Pick<Storage, 'roles' | 'audit'>;
  readonly clock: Clock;
  /** config `auth.required`. */
  readonly authRequired: boolean;
}

/**
 * Who may take recordings out of the system, and the record of every time
 * someone did. With `auth.required` on, an export or email needs an
 * authenticated user (the WebAPI's HTTP Basic) whose role has
 * ALLOWEXPORTDOWNLOAD or ALLOWEXPORTEMAIL; the TCP API, which has no
 * credentials, is refused. Every attempt — allowed or not — is written to
 * the audit log: who, what, the outcome, when and from where.
 */
export class ExportAccess {
  constructor(private readonly deps: ExportAccessDeps) {}

  /** @throws ApiError API_COMMAND_NOT_ALLOWED when `session` may not use `permission` */
  async check(session: ApiSession, permission: ExportPermission, type: string): Promise<void> {
    if (!this.deps.authRequired) return;
    const principal = session.principal;
    if (!principal) {
      throw new ApiError('API_COMMAND_NOT_ALLOWED', `${type} needs a user whose role has ${permission}: with auth.required, send it through the WebAPI with HTTP Basic credentials`);
    }
    const permissions = await this.deps.storage.roles.permissionsOfUser(principal.userId);
    if (!permissions.includes(permission)) throw new ApiError('API_COMMAND_NOT_ALLOWED', `the role of user ${principal.username} lacks ${permission}`);
  }

  /** Appends one audit entry: `action` is the function, `detail` what was asked and how it ended. */
  async record(session: ApiSession, action: string, detail: string): Promise<void> {
    await this.deps.storage.audit.record({
      at: this.deps.clock.now(),
      action,
      who: session.principal?.username ?? null,
      detail: detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail,
      remote_address: session.remoteAddress.slice(0, 64),
    });
  }
}
