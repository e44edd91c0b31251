import type { ApiRequest } from '../../protocol/api-request.js';
import type { ApiResult } from '../../protocol/api-result.js';
import type { ApiCommand, RequestContext } from '../api-command.js';
import { readEncoding, requireParameter } from '../email/read-export-request.js';
import { download, EXPORT_FIELDS, type ExportCommandDeps } from './download.js';

/**
 * EXPORT ("unique to the WebAPI"): the most recent recording whose
 * UNIQUEFIELD column holds UNIQUEID, as one file in MEDIA_FORMAT (wav, mp3,
 * vox with SAMPLERATE 6000 or 8000, cav with ENCRYPT=Y and PASSWORD).
 */
export class ExportCommand implements ApiCommand {
  readonly type = 'EXPORT';
  readonly fields = EXPORT_FIELDS;
  readonly answersWithFile = true;

  constructor(private readonly deps: ExportCommandDeps) {}

  handle(request: ApiRequest, context: RequestContext): Promise<ApiResult> {
    const { exporter } = this.deps;
    return download(this.deps, request, context, async () => {
      const field = requireParameter(request, 'UNIQUEFIELD');
      const value = requireParameter(request, 'UNIQUEID');
      const encoding = readEncoding(request);
      return exporter.exportOne(await exporter.findByUniqueField(field, value), encoding);
    });
  }
}
