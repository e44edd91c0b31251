import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import {
  ApiError,
  apiOk,
  apiResult,
  askedFor,
  audited,
  buildResult,
  FIELD_LIMITS,
  isValidRequestId,
  readEncoding,
  readList,
  requireParameter,
  validateFields,
  WEBAPI_EXPORT_FUNCTIONS,
  type ApiRequest,
  type ApiResult,
  type ApiSession,
  type ExportAccess,
  type ExportFile,
  type RecordingExporter,
} from '@callwire/core';
import type { Logger } from 'pino';

/** The WebAPI types answered with a file (COMBINEEXPORT is the manual's other spelling of COMBINEDEXPORT). */
export const EXPORT_TYPES: ReadonlySet<string> = new Set(WEBAPI_EXPORT_FUNCTIONS);

/** Answers one export request on an HTTP response. */
export type ExportHandler = (request: ApiRequest, session: ApiSession, response: ServerResponse) => Promise<void>;

/** What the export route needs. */
export interface ExportRouteDeps {
  readonly exporter: RecordingExporter;
  readonly access: ExportAccess;
  readonly log: Logger;
}

/** The parameter rules: the manual's EMAIL/COMBINEDEMAIL data types name the same parameters. */
const FIELDS = FIELD_LIMITS['EMAIL']!;

/**
 * The WebAPI's file-returning functions:
 * - EXPORT: UNIQUEFIELD + UNIQUEID (the most recent matching recording) in MEDIA_FORMAT;
 * - COMBINEDEXPORT / COMBINEEXPORT: IDENT list → one file, recordings in time order;
 * - MULTIEXPORT: IDENT list → one ZIP, a file per recording.
 * MEDIA_FORMAT is wav, mp3, vox (SAMPLERATE 6000 or 8000) or cav (ENCRYPT=Y
 * and PASSWORD to encrypt). The file streams as it is encoded, with
 * Content-Type and an attachment Content-Disposition (and Content-Length
 * when known: WAV, VOX, CAV). Anything that prevents the export is answered
 * before the first byte with the RESULT document (HTTP 200, text/xml, as
 * every WebAPI reply): API_FILE_NOT_FOUND, API_INVALID_MESSAGE_FORMAT,
 * API_COMMAND_NOT_ALLOWED (auth.required without ALLOWEXPORTDOWNLOAD).
 * Every request is written to the audit log.
 */
export function exportRoute(deps: ExportRouteDeps): ExportHandler {
  const { exporter, access, log } = deps;

  const prepare = async (request: ApiRequest): Promise<ExportFile> => {
    if (request.type === 'EXPORT') {
      const field = requireParameter(request, 'UNIQUEFIELD');
      const value = requireParameter(request, 'UNIQUEID');
      const encoding = readEncoding(request);
      return exporter.exportOne(await exporter.findByUniqueField(field, value), encoding);
    }
    const idents = readList(request, 'IDENT', { integers: true });
    const encoding = readEncoding(request);
    const audios = await exporter.findAll(idents);
    return request.type === 'MULTIEXPORT' ? exporter.exportZip(audios, encoding) : exporter.exportCombined(audios, encoding);
  };

  return async (request, session, response) => {
    const type = request.type;
    const precheck = checkRequest(request);
    if (precheck) return answer(response, request, precheck);
    const asked = askedFor(request, ['UNIQUEFIELD', 'UNIQUEID', 'IDENT', 'MEDIA_FORMAT', 'SAMPLERATE', 'ENCRYPT']);
    let file: ExportFile | undefined;
    try {
      await audited(access, session, type, asked, async () => {
        await access.check(session, 'ALLOWEXPORTDOWNLOAD', type);
        file = await prepare(request);
        return apiOk(`file ${file.fileName}`);
      });
    } catch (err) {
      if (err instanceof ApiError) return answer(response, request, apiResult(err.type, err.message));
      log.error({ err, type }, `${type} failed`);
      return answer(response, request, apiResult('API_ERROR_PROCESSING_MESSAGE', `${type} failed on the server; the server log has the details`));
    }
    await send(response, file!, log);
  };
}

/** The checks every function gets from the dispatcher: REQUESTID (14), alias conflicts and value sizes (59). */
function checkRequest(request: ApiRequest): ApiResult | undefined {
  if (!isValidRequestId(request.requestId)) {
    const sent = request.requestId === undefined ? 'no REQUESTID was sent' : `REQUESTID '${request.requestId}' is not an integer from 0 to 2147483647`;
    return apiResult('API_REQUESTID_INVALID', sent);
  }
  if (request.conflicts.length > 0) {
    return apiResult('API_PARAMETERS_INVALID', `parameters sent under two spellings with different values: ${request.conflicts.join(', ')}`);
  }
  const problems = validateFields(request, FIELDS);
  return problems.length > 0 ? apiResult('API_PARAMETERS_INVALID', problems.join('; ')) : undefined;
}

function answer(response: ServerResponse, request: ApiRequest, result: ApiResult): void {
  response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
  response.end(buildResult(request.type, request.requestId, result));
}

/** Streams the file; a reader that goes away stops the encoding (and is only worth a debug line). */
async function send(response: ServerResponse, file: ExportFile, log: Logger): Promise<void> {
  const { media } = file;
  response.writeHead(200, {
    'Content-Type': media.contentType,
    'Content-Disposition': `attachment; filename="${file.fileName}"`,
    ...(media.byteLength === undefined ? {} : { 'Content-Length': String(media.byteLength) }),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  try {
    await pipeline(media.open(), response);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_STREAM_PREMATURE_CLOSE') log.debug({ file: file.fileName }, 'export: the client left before the end');
    else log.error({ err, file: file.fileName }, 'export failed while streaming; the response was cut short');
    response.destroy();
  }
}
