import type { ExportFile } from '../../media/index.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { FileExportCommand, readIdentExport } from './file-export-command.js';

/**
 * MULTIEXPORT ("unique to the WebAPI"): the recordings of an IDENT list in
 * one ZIP, a file per recording in MEDIA_FORMAT, in the order asked.
 */
export class MultiExportCommand extends FileExportCommand {
  readonly type = 'MULTIEXPORT';

  protected async prepare(request: ApiRequest): Promise<ExportFile> {
    const { audios, encoding } = await readIdentExport(request, this.deps.exporter);
    return this.deps.exporter.exportZip(audios, encoding);
  }
}
