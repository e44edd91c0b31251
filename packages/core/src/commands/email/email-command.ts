import type { Clock } from '../../clock.js';
import type { RecordingExporter } from '../../media/index.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { ApiTimeFormat } from '../../protocol/api-time.js';
import type { ApiCommand, RequestContext } from '../api-command.js';
import { askedFor, audited } from './audited.js';
import { readAddresses } from './email-address.js';
import type { ExportAccess } from './export-access.js';
import { ExportReport } from './export-report.js';
import type { MailSender } from './mail-sender.js';
import { readEncoding, readRecordingSelection, requireParameter } from './read-export-request.js';
import { requireSender, sendExport } from './send-export.js';

/** What the mail functions need; `sender` is absent when no mail server is configured. */
export interface EmailCommandDeps {
  readonly exporter: RecordingExporter;
  readonly access: ExportAccess;
  readonly time: ApiTimeFormat;
  readonly sender: MailSender | undefined;
  /** How long a mail took, for its info line. */
  readonly clock: Clock;
}

/**
 * EMAIL: mails the recordings named by IDENT (a comma list) to TOADDRESS in
 * MEDIA_FORMAT (wav, mp3, vox, cav) — one recording as the attachment
 * itself, several as a ZIP of one file each. All parameters are required;
 * UNIQUEFIELD + UNIQUEID may stand for IDENT (see readRecordingSelection).
 */
export class EmailCommand implements ApiCommand {
  readonly type = 'EMAIL';

  constructor(private readonly deps: EmailCommandDeps) {}

  handle(request: ApiRequest, context: RequestContext): Promise<ApiResult> {
    const { exporter, access, time, clock } = this.deps;
    const report = new ExportReport(context.log, clock, this.type, context.session);
    return audited(access, context.session, this.type, askedFor(request, ['IDENT', 'UNIQUEFIELD', 'UNIQUEID', 'MEDIA_FORMAT', 'TOADDRESS', 'SAMPLERATE', 'ENCRYPT']), async () => {
      await access.check(context.session, 'ALLOWEXPORTEMAIL', this.type);
      const selection = readRecordingSelection(request, { uniqueIdNamesColumn: false });
      const toAddress = requireParameter(request, 'TOADDRESS');
      const encoding = readEncoding(request);
      const to = readAddresses('TOADDRESS', toAddress);
      const sender = requireSender(this.deps.sender);
      const audios = await exporter.findAll(selection.values, selection.column);
      const file = audios.length === 1 ? exporter.exportOne(audios[0]!, encoding) : exporter.exportZip(audios, encoding);
      await report.mail(file, to.length, (counted) => sendExport(sender, counted, { to }, false, time));
      return apiOk();
    });
  }
}
