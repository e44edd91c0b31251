import type { Group, GroupRepository, User } from '../storage/index.js';
import { DirectoryError } from './directory-error.js';
import type { AgentReference, UserLookup } from './user-lookup.js';

/** An inContact Group as the functions name one: GROUPNAME or GROUPID. */
export interface GroupReference {
  readonly groupId?: number | undefined;
  readonly groupName?: string | undefined;
}

/** What a MODIFYGROUPPERMISSION action found and did. */
export interface GroupPermissionChange {
  readonly group: Group;
  readonly agent: User;
  /** The device (DEVICEID, or a PHONEID of the agent) put in or taken out with the agent, if one was sent. */
  readonly deviceId?: string | undefined;
  /** False when the group already was as asked. */
  readonly changed: boolean;
}

/** Whether a reference names a group at all. */
export function namesGroup(ref: GroupReference): boolean {
  return ref.groupId !== undefined || ref.groupName !== undefined;
}

/**
 * inContact Groups and who is in them: ADDGROUP and MODIFYGROUPPERMISSION.
 * Names are looked up first, as the manual says ("the system will first look
 * to see if you supplied the textual representation of the group name or the
 * agent name"); the id sent is then ignored.
 */
export class Groups {
  constructor(
    private readonly groups: GroupRepository,
    private readonly lookup: UserLookup,
  ) {}

  /** ADDGROUP: adds a group; an existing name returns that group, unchanged, with `created: false`. */
  add(name: string): Promise<{ group: Group; created: boolean }> {
    return this.groups.add(name);
  }

  /** The group a reference names. @throws DirectoryError NO_GROUP */
  async find(ref: GroupReference): Promise<Group> {
    const found = ref.groupName !== undefined
      ? await this.groups.findByName(ref.groupName)
      : ref.groupId !== undefined ? await this.groups.findById(ref.groupId) : undefined;
    if (found) return found;
    const named = ref.groupName !== undefined ? `group ${ref.groupName}` : `GROUPID ${ref.groupId ?? '(none)'}`;
    throw new DirectoryError('NO_GROUP', `${named} does not exist`);
  }

  /**
   * MODIFYGROUPPERMISSION ADD: the agent, and the device when one is sent, join the group.
   * @throws DirectoryError NO_GROUP or AGENT_NOT_FOUND
   */
  async addPermission(groupRef: GroupReference, agentRef: AgentReference, deviceId?: string): Promise<GroupPermissionChange> {
    const { group, agent } = await this.resolve(groupRef, agentRef);
    const before = await this.state(group.group_id, agent.user_id, deviceId);
    await this.groups.assign(group.group_id, { userId: agent.user_id, deviceId });
    return { group, agent, deviceId, changed: !(before.member && before.device) };
  }

  /**
   * MODIFYGROUPPERMISSION DELETE: the agent, and the device when one is sent, leave the group.
   * @throws DirectoryError NO_GROUP or AGENT_NOT_FOUND
   */
  async removePermission(groupRef: GroupReference, agentRef: AgentReference, deviceId?: string): Promise<GroupPermissionChange> {
    const { group, agent } = await this.resolve(groupRef, agentRef);
    const changed = await this.groups.unassign(group.group_id, { userId: agent.user_id, deviceId });
    return { group, agent, deviceId, changed };
  }

  private async resolve(groupRef: GroupReference, agentRef: AgentReference): Promise<{ group: Group; agent: User }> {
    const group = await this.find(groupRef);
    const agent = await this.lookup.agent(agentRef, 'name');
    return { group, agent };
  }

  private async state(groupId: number, userId: number, deviceId: string | undefined): Promise<{ member: boolean; device: boolean }> {
    const member = (await this.groups.membersOf(groupId)).includes(userId);
    const device = deviceId === undefined || (await this.groups.devicesOf(groupId)).includes(deviceId);
    return { member, device };
  }
}
