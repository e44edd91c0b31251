import type { User, UserRepository } from '../storage/index.js';
import { DirectoryError } from './directory-error.js';

/**
 * An agent as the import and group functions name one: AGENTID (which is the
 * USERID, as the manual notes), or FIRSTNAME and LASTNAME.
 */
export interface AgentReference {
  readonly agentId?: number | undefined;
  readonly firstName?: string | undefined;
  readonly lastName?: string | undefined;
}

/** A user as MODIFYUSERROLE names one: USERID, USERNAME, SYSTEMUSERNAME, or FIRSTNAME and LASTNAME. */
export interface UserReference extends AgentReference {
  readonly userId?: number | undefined;
  readonly username?: string | undefined;
  readonly systemUsername?: string | undefined;
}

/**
 * Which identifier decides when both are sent: IMPORTAGENTPHONE "will first
 * try to use the AGENTID" ('id'); MODIFYGROUPPERMISSION "will first look to
 * see if you supplied the textual representation" ('name').
 */
export type AgentPreference = 'id' | 'name';

/** Whether a reference names an agent at all (an id, or both names). */
export function namesAgent(ref: AgentReference): boolean {
  return ref.agentId !== undefined || (ref.firstName !== undefined && ref.lastName !== undefined);
}

/** Whether a reference names a user at all. */
export function namesUser(ref: UserReference): boolean {
  return ref.userId !== undefined || ref.username !== undefined || ref.systemUsername !== undefined || namesAgent(ref);
}

/** Finds live users the way the directory functions name them; deleted users are never found. */
export class UserLookup {
  constructor(private readonly users: UserRepository) {}

  /**
   * The live agent a reference names, the identifier `prefer`red deciding
   * when both are sent (the other is then ignored, not cross-checked).
   * @throws DirectoryError AGENT_NOT_FOUND
   */
  async agent(ref: AgentReference, prefer: AgentPreference): Promise<User> {
    const byName = ref.firstName !== undefined && ref.lastName !== undefined;
    const byId = ref.agentId !== undefined && (prefer === 'id' || !byName);
    let found: User | undefined;
    if (byId) found = await this.users.findBy('user_id', ref.agentId!);
    else if (byName) found = await this.users.findByName(ref.firstName!, ref.lastName!);
    if (found) return found;
    const named = byId ? `AGENTID ${ref.agentId}` : byName ? `${ref.firstName} ${ref.lastName}` : 'no agent';
    throw new DirectoryError('AGENT_NOT_FOUND', `agent not found: ${named}`);
  }

  /**
   * The live user a reference names, tried in the order USERID, USERNAME,
   * SYSTEMUSERNAME (SYS_USER), FIRSTNAME+LASTNAME; the first one sent decides.
   * @throws DirectoryError USER_NOT_FOUND
   */
  async user(ref: UserReference): Promise<User> {
    const { users } = this;
    let found: User | undefined;
    let named = 'no user';
    if (ref.userId !== undefined) {
      [found, named] = [await users.findBy('user_id', ref.userId), `USERID ${ref.userId}`];
    } else if (ref.username !== undefined) {
      [found, named] = [await users.findByUsername(ref.username), `USERNAME ${ref.username}`];
    } else if (ref.systemUsername !== undefined) {
      [found, named] = [await users.findBy('sys_user', ref.systemUsername), `SYSTEMUSERNAME ${ref.systemUsername}`];
    } else if (ref.firstName !== undefined && ref.lastName !== undefined) {
      [found, named] = [await users.findByName(ref.firstName, ref.lastName), `${ref.firstName} ${ref.lastName}`];
    }
    if (found) return found;
    throw new DirectoryError('USER_NOT_FOUND', `user not found: ${named}`);
  }
}
