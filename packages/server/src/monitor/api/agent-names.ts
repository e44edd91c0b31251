import type { Storage } from '@callwire/core';

/** One user as the monitor names an agent: by AGENTID (user_id), SYS_USER or CRM_USER. */
export interface AgentName {
  readonly id: number;
  readonly name: string;
  readonly username: string | null;
  readonly sysUser: string | null;
  readonly crmUser: string | null;
}

/** "First Last", or the username when both names are blank. */
export function displayName(user: { first_name: string; last_name: string; username: string | null }): string {
  const name = `${user.first_name} ${user.last_name}`.trim();
  return name || user.username || '';
}

/** Every user of the directory (deleted ones too: past recordings still name them), for the page to name agents. */
export async function agentNames(storage: Pick<Storage, 'users'>): Promise<AgentName[]> {
  const users = await storage.users.list({ includeDeleted: true });
  return users.map((user) => ({ id: user.user_id, name: displayName(user), username: user.username, sysUser: user.sys_user, crmUser: user.crm_user }));
}
