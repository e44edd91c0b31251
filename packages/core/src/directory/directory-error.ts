/**
 * Why a directory change was refused. Each reason is one of the manual's
 * result codes for the import, user, group and role functions; the command
 * dispatcher answers them (see commands/result-of-error.ts).
 */
export type DirectoryErrorReason =
  /** A live user already has this first and last name, or this USERNAME. */
  | 'USER_ALREADY_EXISTS'
  /** No live user matches (IMPORTUSER MODIFY/DELETE, MODIFYUSERROLE). */
  | 'USER_NOT_FOUND'
  /** No live agent matches AGENTID or FIRSTNAME+LASTNAME (IMPORTAGENTPHONE, MODIFYGROUPPERMISSION). */
  | 'AGENT_NOT_FOUND'
  /** The phone ID belongs to another agent. */
  | 'PHONE_IN_USE'
  /** No inContact Group has this GROUPNAME or GROUPID. */
  | 'NO_GROUP'
  /** A role with this ROLENAME exists already. */
  | 'ROLE_ALREADY_EXISTS'
  /** No role has this ROLEID or ROLENAME. */
  | 'ROLE_NOT_FOUND'
  /** PERMISSIONNAME is not in the manual's permission table. */
  | 'PERMISSION_NOT_FOUND'
  /** The permission needs another one first (ALLOWQAEDIT needs ALLOWQAVIEW), or another one needs it. */
  | 'PERMISSION_DEPENDENCY';

/** A directory change refused for a reason a client caused; nothing was changed. */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';

  constructor(
    readonly reason: DirectoryErrorReason,
    message: string,
  ) {
    super(message);
  }
}
