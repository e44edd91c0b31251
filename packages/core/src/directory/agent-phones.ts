import { ConflictError, type PhoneRepository, type User } from '../storage/index.js';
import { DirectoryError } from './directory-error.js';
import type { AgentReference, UserLookup } from './user-lookup.js';

/** What an IMPORTAGENTPHONE action did. */
export interface PhoneChange {
  /** The agent (its USERID is the AGENTID the function returns). */
  readonly agent: User;
  /** False when the association already was as asked (a repeat ADD, or a DELETE of a phone the agent did not have). */
  readonly changed: boolean;
}

/**
 * IMPORTAGENTPHONE: which agent a phone ID (DEVICEID) belongs to. The
 * associations drive CALLSTART by DEVICEALIAS, SYS_USER and CRM_USER, and
 * name the agent on recordings. AGENTID decides when it is sent; FIRSTNAME
 * and LASTNAME are then ignored, as the manual says.
 */
export class AgentPhones {
  constructor(
    private readonly lookup: UserLookup,
    private readonly phones: PhoneRepository,
  ) {}

  /**
   * ADD: the phone ID becomes the agent's. Repeating it changes nothing.
   * @throws DirectoryError AGENT_NOT_FOUND, or PHONE_IN_USE when another agent has it
   */
  async add(ref: AgentReference, phoneId: string): Promise<PhoneChange> {
    const agent = await this.lookup.agent(ref, 'id');
    const owner = await this.phones.ownerOf(phoneId);
    if (owner === agent.user_id) return { agent, changed: false };
    if (owner !== undefined) throw inUse(phoneId, owner);
    try {
      await this.phones.add(phoneId, agent.user_id);
    } catch (error) {
      if (error instanceof ConflictError) throw inUse(phoneId, error.existingId);
      throw error;
    }
    return { agent, changed: true };
  }

  /**
   * DELETE: the agent no longer has the phone ID. The agent record and past
   * recordings of the phone are untouched.
   * @throws DirectoryError AGENT_NOT_FOUND, or PHONE_IN_USE when the phone is
   *   another agent's (it is not taken from them)
   */
  async remove(ref: AgentReference, phoneId: string): Promise<PhoneChange> {
    const agent = await this.lookup.agent(ref, 'id');
    const owner = await this.phones.ownerOf(phoneId);
    if (owner !== undefined && owner !== agent.user_id) throw inUse(phoneId, owner);
    const changed = owner !== undefined && (await this.phones.delete(phoneId, agent.user_id));
    return { agent, changed };
  }
}

function inUse(phoneId: string, owner: number | undefined): DirectoryError {
  return new DirectoryError('PHONE_IN_USE', `phone ID ${phoneId} is assigned to ${owner === undefined ? 'another agent' : `agent ${owner}`}`);
}
