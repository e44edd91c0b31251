import type { Storage, User } from '../storage/index.js';

/**
 * The agent a DEVICEALIAS names. CHATSTART lists `DEVICEALIAS (Phone ID)`:
 * first the agent owning that phone ID (IMPORTAGENTPHONE), then the user
 * whose own DEVICEALIAS it is (an IMPORTUSER field the manual does not list,
 * kept for clients that send it). Deleted users are never found.
 */
export async function agentByDeviceAlias(storage: Pick<Storage, 'users' | 'phones'>, deviceAlias: string): Promise<User | undefined> {
  const owner = await storage.phones.ownerOf(deviceAlias);
  const byPhone = owner === undefined ? undefined : await storage.users.findBy('user_id', owner);
  return byPhone ?? (await storage.users.findBy('device_alias', deviceAlias));
}
