import { inject, injectable } from 'inversify';
import { CallService } from '../../calls/call-service.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { ApiCommand } from '../api-command.js';
import { coreResult } from './call-results.js';
import { readCallData, readCallIdentity } from './read-call-request.js';

/**
 * CALLUPDATE: changes the data of the call in progress; with
 * UPDATE_IF_NOT_RECORDING=Y, of the device's last stored recording when it
 * is not recording; with RECORDID, of that stored recording (post-recording).
 */
@injectable()
export class CallUpdateCommand implements ApiCommand {
  readonly type = 'CALLUPDATE';

  constructor(@inject(CallService) private readonly calls: CallService) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const data = readCallData(request);
    const recordId = request.nonBlank('RECORDID');
    if (recordId !== undefined) {
      await this.calls.updateRecording(Number(recordId), { ...data, deviceId: request.nonBlank('DEVICEID') });
      return apiOk('Updated recording in database');
    }
    const updateIfNotRecording = request.nonBlank('UPDATE_IF_NOT_RECORDING')?.toUpperCase() === 'Y';
    const outcome = await this.calls.update(readCallIdentity(request), data, { updateIfNotRecording });
    return outcome.kind === 'stored' ? apiOk('Updated recording in database') : coreResult(this.type, outcome.cores);
  }
}
