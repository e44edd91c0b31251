import { XMLBuilder } from 'fast-xml-parser';
import type { ApiResult, ResultBody } from './api-result.js';
import { resultCodeOf } from './result-codes.js';

const builder = new XMLBuilder({
  format: true,
  indentBy: '\t',
  suppressEmptyNode: false,
  processEntities: true,
});

/**
 * Builds the RESULT document for a request, as the real product lays it out
 * (see shared/fixtures/wfo-replies): REQUESTTYPE, REQUESTID, RESULTTYPE,
 * RESULTCODE, RESULTMSG, then the function's data; one element per line,
 * indented with tabs, no XML declaration, text escaped.
 *
 * RESULTTYPE carries the result's label for every code (the manual's function
 * examples do this, e.g. API_DEVICE_INVALID with code 8) rather than the
 * generic "ERROR" its Results overview mentions; RESULTCODE tells errors apart.
 * Lines inside a document end with LF only, so a client that reads up to CRLF
 * gets one whole reply; the transport appends the CRLF.
 */
export function buildResult(requestType: string, requestId: string | undefined, result: ApiResult): string {
  const root: ResultBody = {
    REQUESTTYPE: requestType,
    REQUESTID: requestId ?? '',
    RESULTTYPE: result.type,
    RESULTCODE: resultCodeOf(result.type),
    RESULTMSG: result.message ?? result.type,
  };
  if (result.body) Object.assign(root, result.body);
  return buildDocument('RESULT', root);
}

/** Builds any document (events use it for CALLCOPYEVENT), without a trailing newline. */
export function buildDocument(rootTag: string, body: ResultBody): string {
  const xml = builder.build({ [rootTag]: body }) as string;
  return xml.endsWith('\n') ? xml.slice(0, -1) : xml;
}
