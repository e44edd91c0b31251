import { inject, injectable } from 'inversify';
import { CallService } from '../../calls/call-service.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import type { ApiResult } from '../../protocol/api-result.js';
import type { ApiCommand } from '../api-command.js';
import { coreResult } from './call-results.js';
import { readCallData, readCallIdentity } from './read-call-request.js';

/** RECORDSTART: an additional, partial recording of the device's current call. */
@injectable()
export class RecordStartCommand implements ApiCommand {
  readonly type = 'RECORDSTART';

  constructor(@inject(CallService) private readonly calls: CallService) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const outcome = await this.calls.recordStart(readCallIdentity(request), readCallData(request));
    return coreResult(this.type, outcome.cores);
  }
}
