import { Device } from './device.js';

/**
 * Live state of every device seen since start: the one source for
 * DEVICESTATUS-style answers. A DEVICEID names a device directly; its first
 * use registers it, as PBX extensions appear.
 */
export class DeviceRegistry {
  private readonly devices = new Map<string, Device>();
  private sequence = 0;

  /** The device, registering it on first use. */
  device(deviceId: string): Device {
    let device = this.devices.get(deviceId);
    if (!device) {
      device = new Device(deviceId);
      this.devices.set(deviceId, device);
    }
    return device;
  }

  find(deviceId: string): Device | undefined {
    return this.devices.get(deviceId);
  }

  /** A device whose call in progress carries this DEVICEALIAS (the agent signed on to that phone with it). */
  findByAliasInCall(deviceAlias: string): Device | undefined {
    for (const device of this.devices.values()) {
      for (const call of device.calls.values()) if (call.fields.deviceAlias === deviceAlias) return device;
    }
    return undefined;
  }

  /** A device whose last call carried this DEVICEALIAS (an alias learned from an earlier call). */
  findByAliasOfLastCall(deviceAlias: string): Device | undefined {
    for (const device of this.devices.values()) if (device.lastCall?.fields.deviceAlias === deviceAlias) return device;
    return undefined;
  }

  all(): IterableIterator<Device> {
    return this.devices.values();
  }

  get size(): number {
    return this.devices.size;
  }

  /** Arrival order for a new call instance. */
  nextSequence(): number {
    return ++this.sequence;
  }
}
