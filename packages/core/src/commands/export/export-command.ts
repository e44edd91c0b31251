import type { ExportFile } from '../../media/index.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { readEncoding, requireParameter } from '../email/read-export-request.js';
import { FileExportCommand } from './file-export-command.js';

/**
 * EXPORT ("unique to the WebAPI"): the most recent recording whose
 * UNIQUEFIELD column holds UNIQUEID, as one file in MEDIA_FORMAT (wav, mp3,
 * vox with SAMPLERATE 6000 or 8000, cav with ENCRYPT=Y and PASSWORD).
 */
export class ExportCommand extends FileExportCommand {
  readonly type = 'EXPORT';

  protected async prepare(request: ApiRequest): Promise<ExportFile> {
    const { exporter } = this.deps;
    const field = requireParameter(request, 'UNIQUEFIELD');
    const value = requireParameter(request, 'UNIQUEID');
    const encoding = readEncoding(request);
    return exporter.exportOne(await exporter.findByUniqueField(field, value), encoding);
  }
}
