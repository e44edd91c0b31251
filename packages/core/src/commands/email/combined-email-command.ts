import type { MediaFormat } from '../../media/index.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import { apiOk, type ApiResult } from '../../protocol/api-result.js';
import type { ApiCommand, RequestContext } from '../api-command.js';
import { ApiError } from '../api-error.js';
import { askedFor, audited } from './audited.js';
import type { EmailCommandDeps } from './email-command.js';
import { ExportReport } from './export-report.js';
import { readAddresses } from './email-address.js';
import { readEncoding, readRecordingSelection, requireParameter } from './read-export-request.js';
import { requireSender, sendExport } from './send-export.js';

/** COMBINEDEMAIL's format when MEDIA_FORMAT is not sent (the manual lists none): MP3, a fraction of a WAV's size. */
export const COMBINED_EMAIL_DEFAULT_FORMAT: MediaFormat = 'mp3';

/**
 * COMBINEDEMAIL: mails the recordings named by IDENT (a comma list) joined
 * into one file, in recording-time order, to TOADDRESS / TONAME, from
 * FROMADDRESS / FROMNAME (the configured sender when absent).
 *
 * UNIQUEID names the Recording column the IDENT values are looked up in —
 * the manual's example sends `<UNIQUEID>IDENT</UNIQUEID>` — so IDENT may
 * also list, say, user2 values with UNIQUEID=user2; absent, it is IDENT
 * (UNIQUEFIELD, when sent, names the column instead; see readRecordingSelection).
 * MEDIA_FORMAT (not in the manual's list for this function) is accepted,
 * default mp3.
 */
export class CombinedEmailCommand implements ApiCommand {
  readonly type = 'COMBINEDEMAIL';

  constructor(private readonly deps: EmailCommandDeps) {}

  handle(request: ApiRequest, context: RequestContext): Promise<ApiResult> {
    const { exporter, access, time, clock } = this.deps;
    const report = new ExportReport(context.log, clock, this.type, context.session);
    const asked = askedFor(request, ['IDENT', 'UNIQUEFIELD', 'UNIQUEID', 'MEDIA_FORMAT', 'TOADDRESS', 'FROMADDRESS', 'SAMPLERATE', 'ENCRYPT']);
    return audited(access, context.session, this.type, asked, async () => {
      await access.check(context.session, 'ALLOWEXPORTEMAIL', this.type);
      const selection = readRecordingSelection(request, { uniqueIdNamesColumn: true });
      const toAddress = requireParameter(request, 'TOADDRESS');
      const encoding = readEncoding(request, COMBINED_EMAIL_DEFAULT_FORMAT);
      const to = readAddresses('TOADDRESS', toAddress, request.nonBlank('TONAME'));
      const fromAddress = request.nonBlank('FROMADDRESS');
      const from = fromAddress === undefined ? undefined : readAddresses('FROMADDRESS', fromAddress, request.nonBlank('FROMNAME'));
      if (from && from.length > 1) throw new ApiError('API_EMAIL_NOT_VALID', 'FROMADDRESS must be one address');
      const sender = requireSender(this.deps.sender);
      const audios = await exporter.findAll(selection.values, selection.column);
      const envelope = { to, ...(from ? { from: from[0]! } : {}) };
      await report.mail(exporter.exportCombined(audios, encoding), to.length, (file) => sendExport(sender, file, envelope, true, time));
      return apiOk();
    });
  }
}
