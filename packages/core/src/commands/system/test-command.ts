import { injectable } from 'inversify';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { ApiCommand } from '../api-command.js';

/** TEST: the echo of "inContact WFO API Basics"; answers API_OK with the REQUESTID. */
@injectable()
export class TestCommand implements ApiCommand {
  readonly type = 'TEST';

  handle(): ApiResult {
    return apiOk();
  }
}
