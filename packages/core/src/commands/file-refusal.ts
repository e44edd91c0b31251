import { apiResult, type ApiResult } from '../protocol/api-result.js';

/**
 * The answer to a function that returns a file (EXPORT, COMBINEDEXPORT,
 * MULTIEXPORT: "unique to the WebAPI") on a door that cannot carry one, such
 * as the XML API: API_COMMAND_NOT_SUPPORTED pointing at the WebAPI, rather
 * than "unknown message type".
 */
export function fileRefusal(type: string): ApiResult {
  return apiResult(
    'API_COMMAND_NOT_SUPPORTED',
    `${type} returns a file and is only available through the WebAPI: GET /webAPI.aspx?type=${type.toLowerCase()}&requestid=…`,
  );
}
