import type { ApiRequest } from '../../protocol/api-request.js';
import { apiResult, type ApiResult } from '../../protocol/api-result.js';
import type { ApiCommand } from '../api-command.js';

/**
 * The export functions the manual calls "unique to the WebAPI": they answer
 * with a file, which the XML API cannot carry. The WebAPI serves them
 * before the dispatcher sees them; on the TCP API (or any other door) they
 * answer API_COMMAND_NOT_SUPPORTED pointing at the WebAPI, rather than
 * "unknown message type".
 */
export const WEBAPI_EXPORT_FUNCTIONS = ['EXPORT', 'COMBINEDEXPORT', 'COMBINEEXPORT', 'MULTIEXPORT'] as const;

/** One export function as seen by a door that cannot send files. */
export class WebApiOnlyExport implements ApiCommand {
  constructor(readonly type: string) {}

  handle(request: ApiRequest): ApiResult {
    return apiResult(
      'API_COMMAND_NOT_SUPPORTED',
      `${request.type} returns a file and is only available through the WebAPI: GET /webAPI.aspx?type=${request.type.toLowerCase()}&requestid=…`,
    );
  }
}
