import type { Storage } from '../storage/index.js';
import { CallError, DEVICE_NOT_FOUND } from './call-error.js';
import type { CallIdentity } from './call-fields.js';
import type { DeviceRegistry } from './device-registry.js';

/**
 * Finds the DEVICEID a signal means. DEVICEID wins when sent; otherwise
 * STATIONNAME goes through the station mappings, SYS_USER and CRM_USER
 * through the agent's phones (IMPORTAGENTPHONE), and DEVICEALIAS — which the
 * manual marks "+": usable once a device ID is associated with an agent — as
 * {@link DeviceResolver.byDeviceAlias} says. When the agent has several
 * phones, one with a call in progress is preferred.
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

  /**
   * Whether anything knows the device: a signal named it since start, or the
   * directory has it as an agent's phone (IMPORTAGENTPHONE) or a station's
   * device (IMPORTWORKSTATION). A device nobody knows is API_DEVICE_INVALID
   * where a known one without a call is API_DEVICE_NOT_IN_CALL.
   */
  async isKnown(deviceId: string): Promise<boolean> {
    if (this.registry.find(deviceId)) return true;
    if ((await this.storage.phones.ownerOf(deviceId)) !== undefined) return true;
    return (await this.storage.stations.byDevice(deviceId)) !== undefined;
  }

  private async lookUp(identity: CallIdentity): Promise<string | undefined> {
    if (identity.stationName) {
      const station = await this.storage.stations.byStation(identity.stationName);
      if (station) return station.device_id;
    }
    if (identity.deviceAlias) {
      const device = await this.byDeviceAlias(identity.deviceAlias);
      if (device) return device;
    }
    if (identity.sysUser) {
      const phone = await this.phoneOf('sys_user', identity.sysUser);
      if (phone) return phone;
    }
    if (identity.crmUser) return this.phoneOf('crm_user', identity.crmUser);
    return undefined;
  }

  /**
   * DEVICEALIAS, in this order: the device whose call in progress carries it
   * (the agent signed on there), the agent's phone with that phone ID
   * (CHATSTART's "DEVICEALIAS (Phone ID)"), the phones of the user whose
   * IMPORTUSER DEVICEALIAS it is, the device whose last call carried it.
   */
  private async byDeviceAlias(deviceAlias: string): Promise<string | undefined> {
    const inCall = this.registry.findByAliasInCall(deviceAlias);
    if (inCall) return inCall.deviceId;
    if ((await this.storage.phones.ownerOf(deviceAlias)) !== undefined) return deviceAlias;
    const phone = await this.phoneOf('device_alias', deviceAlias);
    if (phone) return phone;
    return this.registry.findByAliasOfLastCall(deviceAlias)?.deviceId;
  }

  private async phoneOf(field: 'device_alias' | 'sys_user' | 'crm_user', value: string): Promise<string | undefined> {
    const user = await this.storage.users.findBy(field, value);
    if (!user) return undefined;
    const phones = await this.storage.phones.phonesOf(user.user_id);
    return phones.find((phone) => (this.registry.find(phone)?.calls.size ?? 0) > 0) ?? phones[0];
  }
}
