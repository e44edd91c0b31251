import type { ExportFile } from '../../media/index.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { FileExportCommand, readIdentExport, type ExportCommandDeps } from './file-export-command.js';

/** The manual's two spellings: its heading says COMBINEEXPORT, its example URL combinedexport. */
export const COMBINED_EXPORT_FUNCTIONS = ['COMBINEDEXPORT', 'COMBINEEXPORT'] as const;

/**
 * COMBINEDEXPORT / COMBINEEXPORT ("unique to the WebAPI"): the recordings
 * of an IDENT list joined into one file in MEDIA_FORMAT, in recording-time
 * order whatever the order asked.
 */
export class CombinedExportCommand extends FileExportCommand {
  constructor(
    readonly type: (typeof COMBINED_EXPORT_FUNCTIONS)[number],
    deps: ExportCommandDeps,
  ) {
    super(deps);
  }

  protected async prepare(request: ApiRequest): Promise<ExportFile> {
    const { audios, encoding } = await readIdentExport(request, this.deps.exporter);
    return this.deps.exporter.exportCombined(audios, encoding);
  }
}
