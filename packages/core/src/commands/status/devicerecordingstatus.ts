import { inject, injectable } from 'inversify';
import { DeviceRegistry } from '../../calls/device-registry.js';
import { DeviceResolver } from '../../calls/device-resolver.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { ApiTimeFormat } from '../../protocol/api-time.js';
import { TOKENS } from '../../tokens.js';
import type { ApiCommand } from '../api-command.js';
import { coreIdentOf, recordingStatusSection } from './device-section.js';
import { findDevices } from './find-devices.js';

const FOUND = 'Following active call instances found for specified deviceID, devicealias, crm_user or sys_user';

/**
 * DEVICERECORDINGSTATUS: every call instance of the device that is being
 * recorded, each a RECORDING block with STATUS `recording` or `recordpaused`.
 * (The manual's example closes DEVICE before its second RECORDING; here every
 * RECORDING sits inside its DEVICE, after a COUNT of them.)
 */
@injectable()
export class DeviceRecordingStatusCommand implements ApiCommand {
  readonly type = 'DEVICERECORDINGSTATUS';

  constructor(
    @inject(DeviceRegistry) private readonly registry: DeviceRegistry,
    @inject(DeviceResolver) private readonly resolver: DeviceResolver,
    @inject(TOKENS.TimeFormat) private readonly time: ApiTimeFormat,
  ) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const [device] = await findDevices(request, this.registry, this.resolver);
    const recorded = [...device!.calls.values()].filter((call) => call.isRecording).sort((a, b) => a.sequence - b.sequence);
    const latest = device!.currentOrLastCall();
    const f = latest?.fields;
    return apiOk(recorded.length > 0 ? FOUND : 'No call instances are being recorded on the specified device', {
      DEVICE: {
        DEVICEID: device!.deviceId,
        DEVICEALIAS: f?.deviceAlias ?? '',
        SYS_USER: f?.sysUser ?? '',
        CRM_USER: f?.crmUser ?? '',
        COREIDENT: coreIdentOf(recorded.at(-1) ?? latest),
        COUNT: recorded.length,
        RECORDING: recorded.map((call) => recordingStatusSection(call, this.time)),
      },
    });
  }
}
