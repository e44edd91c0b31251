import type { ApiRequest } from '../../protocol/api-request.js';
import type { ApiResult } from '../../protocol/api-result.js';
import type { ApiCommand, RequestContext } from '../api-command.js';
import { download, EXPORT_FIELDS, readIdentExport, type ExportCommandDeps } from './download.js';

/** The manual's two spellings: its heading says COMBINEEXPORT, its example URL combinedexport. */
export const COMBINED_EXPORT_FUNCTIONS = ['COMBINEDEXPORT', 'COMBINEEXPORT'] as const;

/**
 * COMBINEDEXPORT / COMBINEEXPORT ("unique to the WebAPI"): the recordings
 * of an IDENT list joined into one file in MEDIA_FORMAT, in recording-time
 * order whatever the order asked.
 */
export class CombinedExportCommand implements ApiCommand {
  readonly fields = EXPORT_FIELDS;
  readonly answersWithFile = true;

  constructor(
    readonly type: (typeof COMBINED_EXPORT_FUNCTIONS)[number],
    private readonly deps: ExportCommandDeps,
  ) {}

  handle(request: ApiRequest, context: RequestContext): Promise<ApiResult> {
    const { exporter } = this.deps;
    return download(this.deps, request, context, async () => {
      const { audios, encoding } = await readIdentExport(request, exporter);
      return exporter.exportCombined(audios, encoding);
    });
  }
}
