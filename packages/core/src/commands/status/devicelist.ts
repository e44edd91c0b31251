import { inject, injectable } from 'inversify';
import { DeviceRegistry } from '../../calls/device-registry.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { ApiTimeFormat } from '../../protocol/api-time.js';
import { TOKENS } from '../../tokens.js';
import type { ApiCommand } from '../api-command.js';
import { deviceSection } from './device-section.js';

/** DEVICELIST: every device the live state knows, one instance each (the latest active, else its last call). */
@injectable()
export class DeviceListCommand implements ApiCommand {
  readonly type = 'DEVICELIST';

  constructor(
    @inject(DeviceRegistry) private readonly registry: DeviceRegistry,
    @inject(TOKENS.TimeFormat) private readonly time: ApiTimeFormat,
  ) {}

  handle(): ApiResult {
    const devices = [...this.registry.all()].map((device) => deviceSection(device, device.currentOrLastCall(), this.time));
    return apiOk(undefined, { DEVICES: { COUNT: devices.length, DEVICE: devices } });
  }
}
