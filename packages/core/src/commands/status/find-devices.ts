import { CallError, DEVICE_NOT_FOUND } from '../../calls/call-error.js';
import type { Device } from '../../calls/device.js';
import type { DeviceRegistry } from '../../calls/device-registry.js';
import type { DeviceResolver } from '../../calls/device-resolver.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { readCallIdentity } from '../call-handling/read-call-request.js';

/**
 * The devices a status request names: by CALLID (a device whose current or
 * last call carries it), else by DEVICEID / DEVICEALIAS / CRM_USER / SYS_USER
 * as call handling resolves them. Only devices the live state knows count.
 * @throws CallError DEVICE_INVALID
 */
export async function findDevices(request: ApiRequest, registry: DeviceRegistry, resolver: DeviceResolver): Promise<Device[]> {
  const callId = request.nonBlank('CALLID');
  if (callId !== undefined && !request.nonBlank('DEVICEID')) {
    const found = [...registry.all()].filter((d) => d.currentOrLastCall()?.fields.callId === callId);
    if (found.length === 0) throw new CallError('DEVICE_INVALID', DEVICE_NOT_FOUND);
    return found;
  }
  const deviceId = await resolver.resolve(readCallIdentity(request));
  const device = registry.find(deviceId);
  if (!device) throw new CallError('DEVICE_INVALID', DEVICE_NOT_FOUND);
  return [device];
}
