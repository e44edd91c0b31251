import { inject, injectable } from 'inversify';
import { CallService } from '../../calls/call-service.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import type { ApiResult } from '../../protocol/api-result.js';
import type { ApiCommand } from '../api-command.js';
import { coreResult } from './call-results.js';
import { readCallData, readCallIdentity } from './read-call-request.js';

/** CALLSTOP: the device's call (CALLINSTANCE, else its last call) ended; its recordings stop. */
@injectable()
export class CallStopCommand implements ApiCommand {
  readonly type = 'CALLSTOP';

  constructor(@inject(CallService) private readonly calls: CallService) {}

  async handle(request: ApiRequest): Promise<ApiResult> {
    const outcome = await this.calls.stop(readCallIdentity(request), readCallData(request));
    return coreResult(this.type, outcome.cores);
  }
}
