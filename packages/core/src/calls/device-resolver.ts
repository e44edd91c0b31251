import type { Storage } from '../storage/index.js';
import { CallError, DEVICE_NOT_FOUND } from './call-error.js';
import type { CallIdentity } from './call-fields.js';
import type { DeviceRegistry } from './device-registry.js';

/**
 * Finds the DEVICEID a signal means. DEVICEID wins when sent; otherwise
 * STATIONNAME goes through the station mappings, and DEVICEALIAS, SYS_USER and
 * CRM_USER through the agent's phone associations (a DEVICEALIAS also matches
 * a device whose live call carries it). When the agent has several phones,
 * one with a call in progress is preferred.
 */
export class DeviceResolver {
  constructor(
    private readonly registry: DeviceRegistry,
    private readonly storage: Pick<Storage, 'users' | 'phones' | 'stations'>,
  ) {}

  /** @throws CallError DEVICE_INVALID when nothing matches or nothing identifying was sent */
  async resolve(identity: CallIdentity): Promise<string> {
    if (identity.deviceId) return identity.deviceId;
    const found = await this.lookUp(identity);
    if (found) return found;
    const sent = ['deviceAlias', 'sysUser', 'crmUser', 'stationName'].some((k) => identity[k as keyof CallIdentity]);
    throw new CallError(
      'DEVICE_INVALID',
      sent ? DEVICE_NOT_FOUND : 'one of DEVICEID, DEVICEALIAS, SYS_USER, CRM_USER or STATIONNAME is required',
    );
  }

  private async lookUp(identity: CallIdentity): Promise<string | undefined> {
    if (identity.stationName) {
      const station = await this.storage.stations.byStation(identity.stationName);
      if (station) return station.device_id;
    }
    if (identity.deviceAlias) {
      const live = this.registry.findByLiveAlias(identity.deviceAlias);
      if (live) return live.deviceId;
      const phone = await this.phoneOf('device_alias', identity.deviceAlias);
      if (phone) return phone;
    }
    if (identity.sysUser) {
      const phone = await this.phoneOf('sys_user', identity.sysUser);
      if (phone) return phone;
    }
    if (identity.crmUser) return this.phoneOf('crm_user', identity.crmUser);
    return undefined;
  }

  private async phoneOf(field: 'device_alias' | 'sys_user' | 'crm_user', value: string): Promise<string | undefined> {
    const user = await this.storage.users.findBy(field, value);
    if (!user) return undefined;
    const phones = await this.storage.phones.phonesOf(user.user_id);
    return phones.find((phone) => (this.registry.find(phone)?.calls.size ?? 0) > 0) ?? phones[0];
  }
}
