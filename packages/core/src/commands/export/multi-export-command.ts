import type { ApiRequest } from '../../protocol/api-request.js';
import type { ApiResult } from '../../protocol/api-result.js';
import type { ApiCommand, RequestContext } from '../api-command.js';
import { download, EXPORT_FIELDS, readIdentExport, type ExportCommandDeps } from './download.js';

/**
 * MULTIEXPORT ("unique to the WebAPI"): the recordings of an IDENT list in
 * one ZIP, a file per recording in MEDIA_FORMAT, in the order asked.
 */
export class MultiExportCommand implements ApiCommand {
  readonly type = 'MULTIEXPORT';
  readonly fields = EXPORT_FIELDS;
  readonly answersWithFile = true;

  constructor(private readonly deps: ExportCommandDeps) {}

  handle(request: ApiRequest, context: RequestContext): Promise<ApiResult> {
    const { exporter } = this.deps;
    return download(this.deps, request, context, async () => {
      const { audios, encoding } = await readIdentExport(request, exporter);
      return exporter.exportZip(audios, encoding);
    });
  }
}
