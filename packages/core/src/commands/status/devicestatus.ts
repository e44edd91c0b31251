import { inject, injectable } from 'inversify';
import { DeviceRegistry } from '../../calls/device-registry.js';
import { DeviceResolver } from '../../calls/device-resolver.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { ApiTimeFormat } from '../../protocol/api-time.js';
import { TOKENS } from '../../tokens.js';
import type { ApiCommand } from '../api-command.js';
import { deviceSection } from './device-section.js';
import { findDevices } from './find-devices.js';

/**
 * DEVICESTATUS: the named device's highest-priority instance only — the
 * latest active call, else the last call it was on. Needs no database
 * when asked by DEVICEID or CALLID, so it keeps answering during an outage.
 */
@injectable()
export class DeviceStatusCommand implements ApiCommand {
  readonly type = 'DEVICESTATUS';

  constructor(
    @inject(DeviceRegistry) private readonly registry: DeviceRegistry,
    @inject(DeviceResolver) private readonly resolver: DeviceResolver,
    @inject(TOKENS.TimeFormat) private readonly time: ApiTimeFormat,
  ) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const devices = await findDevices(request, this.registry, this.resolver);
    const sections = devices.map((device) => deviceSection(device, device.currentOrLastCall(), this.time));
    return apiOk('Found the following matching devices', { DEVICES: { COUNT: sections.length, DEVICE: sections } });
  }
}
