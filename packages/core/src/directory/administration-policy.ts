import { isIP } from 'node:net';
import type { AdminPermission, AdminPolicy, ApiSession } from '../commands/api-command.js';
import type { RoleRepository } from '../storage/index.js';

/** What decides administration, from the host's config. */
export interface AdministrationRules {
  /** Config `auth.required`; off: every client may administer, as the manual's product allows. */
  readonly authRequired: boolean;
  /** Config `server.api.adminAllow`: whether a TCP client's IP address (no port) may administer. */
  readonly addressAllowed: (address: string) => boolean;
}

/**
 * Who may call the functions that change users, roles and permissions
 * (IMPORTUSER but LIST, IMPORTAGENTPHONE, IMPORTWORKSTATION, ADDGROUP,
 * MODIFYGROUPPERMISSION, MODIFYROLE, MODIFYROLEGROUPPERMISSION,
 * MODIFYUSERROLE, MODIFYROLEPERMISSION) when `auth.required` is on:
 * - the WebAPI (and any session with an authenticated user): the user's
 *   roles must hold the function's permission (ALLOWAGENTADMIN,
 *   ALLOWGROUPADMIN or ALLOWSYSTEMCONFIG, see {@link AdminPermission});
 * - TCP, which carries no credentials: the client's address must be in
 *   `server.api.adminAllow` (default: this machine, 127.0.0.1 and ::1);
 * - in-process callers (`internal`) may;
 * - anything else is refused.
 * Refused requests are answered API_COMMAND_NOT_ALLOWED (44). Until the host
 * has {@link configure}d it, every administrative request is refused.
 */
export class AdministrationPolicy implements AdminPolicy {
  private rules: AdministrationRules | undefined;

  constructor(private readonly roles: Pick<RoleRepository, 'permissionsOfUser'>) {}

  configure(rules: AdministrationRules): void {
    this.rules = rules;
  }

  async refusal(session: ApiSession, permission: AdminPermission, type: string): Promise<string | undefined> {
    const rules = this.rules;
    if (!rules) return `${type} is not accepted until the server has finished starting`;
    if (!rules.authRequired || session.transport === 'internal') return undefined;
    const principal = session.principal;
    if (principal) {
      const held = await this.roles.permissionsOfUser(principal.userId);
      return held.includes(permission) ? undefined : `${type} needs ${permission}, which no role of user ${principal.username} has`;
    }
    if (session.transport === 'tcp') {
      const address = addressOf(session.remoteAddress);
      if (address !== undefined && rules.addressAllowed(address)) return undefined;
      return `${type} changes users, roles or permissions: with auth.required it is accepted over TCP only from server.api.adminAllow, `
        + `which does not hold ${address ?? session.remoteAddress}; or send it through the WebAPI as a user whose role has ${permission}`;
    }
    return `${type} needs an authenticated user whose role has ${permission}`;
  }
}

/** The IP address of a session's `address:port` (IPv6 too: `::1:5000`), undefined when it is not one. */
export function addressOf(remoteAddress: string): string | undefined {
  const colon = remoteAddress.lastIndexOf(':');
  const address = colon === -1 ? remoteAddress : remoteAddress.slice(0, colon);
  if (isIP(address) !== 0) return address;
  return isIP(remoteAddress) !== 0 ? remoteAddress : undefined;
}
