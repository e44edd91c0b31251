import type { Clock } from '../../clock.js';
import type { ExportEncoding, ExportFile, RecordingAudio, RecordingExporter } from '../../media/index.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiFile, type ApiResult } from '../../protocol/api-result.js';
import { FIELD_LIMITS, type FieldTable } from '../../protocol/field-limits.js';
import type { ApiCommand, RequestContext } from '../api-command.js';
import { askedFor, audited } from '../email/audited.js';
import type { ExportAccess } from '../email/export-access.js';
import { ExportReport } from '../email/export-report.js';
import { readEncoding, readList } from '../email/read-export-request.js';

/** What the export functions need. */
export interface ExportCommandDeps {
  readonly exporter: RecordingExporter;
  readonly access: ExportAccess;
  /** How long an export took, for its info line. */
  readonly clock: Clock;
}

/** The parameters an export's audit entry names. */
const ASKED = ['UNIQUEFIELD', 'UNIQUEID', 'IDENT', 'MEDIA_FORMAT', 'SAMPLERATE', 'ENCRYPT'] as const;

/**
 * A function that answers with an export file (EXPORT, COMBINEDEXPORT,
 * MULTIEXPORT): once the session may download (ALLOWEXPORTDOWNLOAD with
 * auth.required), the file `prepare` finds, as a streamed API_OK; every
 * attempt is audited. Anything that prevents the export is thrown before
 * the first byte (API_FILE_NOT_FOUND, API_INVALID_MESSAGE_FORMAT, …), so the
 * client gets a RESULT rather than a truncated file. A file that went out
 * gets its info line (ExportReport).
 */
export abstract class FileExportCommand implements ApiCommand {
  abstract readonly type: string;
  /** The manual gives the export functions no table; its EMAIL/COMBINEDEMAIL data types name the same parameters. */
  readonly fields: FieldTable = FIELD_LIMITS['EMAIL']!;
  readonly answersWithFile = true;

  constructor(protected readonly deps: ExportCommandDeps) {}

  handle(request: ApiRequest, context: RequestContext): Promise<ApiResult> {
    const { access, clock } = this.deps;
    const report = new ExportReport(context.log, clock, this.type, context.session);
    return audited(access, context.session, this.type, askedFor(request, ASKED), async () => {
      await access.check(context.session, 'ALLOWEXPORTDOWNLOAD', this.type);
      return fileResult(report.download(await this.prepare(request)));
    });
  }

  /** The file the request names, found and checked but not yet encoded. */
  protected abstract prepare(request: ApiRequest): Promise<ExportFile>;
}

/** COMBINEDEXPORT's and MULTIEXPORT's recordings (an IDENT list, each opened) and their MEDIA_FORMAT. */
export async function readIdentExport(request: ApiRequest, exporter: RecordingExporter): Promise<{ audios: RecordingAudio[]; encoding: ExportEncoding }> {
  const idents = readList(request, 'IDENT', { integers: true });
  const encoding = readEncoding(request);
  return { audios: await exporter.findAll(idents), encoding };
}

/** An export file as a streamed API_OK result (`file <name>` in the audit log). */
function fileResult(file: ExportFile): ApiResult {
  const { media } = file;
  return apiFile(
    {
      contentType: media.contentType,
      fileName: file.fileName,
      ...(media.byteLength === undefined ? {} : { length: media.byteLength }),
      open: () => media.open(),
    },
    `file ${file.fileName}`,
  );
}
