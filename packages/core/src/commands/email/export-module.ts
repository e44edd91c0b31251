import { ContainerModule, type ResolutionContext } from 'inversify';
import type { Clock } from '../../clock.js';
import { RecordingExporter } from '../../media/index.js';
import type { ApiTimeFormat } from '../../protocol/api-time.js';
import type { EngineSettings } from '../../settings.js';
import type { Storage } from '../../storage/index.js';
import { TOKENS } from '../../tokens.js';
import { ApiCommand } from '../api-command.js';
import { CombinedEmailCommand } from './combined-email-command.js';
import { EmailCommand, type EmailCommandDeps } from './email-command.js';
import { ExportAccess } from './export-access.js';
import { MailSender } from './mail-sender.js';
import { WebApiOnlyExport, WEBAPI_EXPORT_FUNCTIONS } from './webapi-only-exports.js';

/** Deployment choices the export functions depend on. */
export interface ExportModuleOptions {
  /** config `auth.required`: exports and mails need ALLOWEXPORTDOWNLOAD / ALLOWEXPORTEMAIL. */
  readonly authRequired: boolean;
}

/**
 * Binds media export and mail: the RecordingExporter and ExportAccess (used
 * by the WebAPI's EXPORT route too), EMAIL and COMBINEDEMAIL, and the
 * WebAPI-only export functions' answer for other doors. Expects
 * TOKENS.Storage, TOKENS.Clock, TOKENS.TimeFormat and TOKENS.Settings from
 * the host; MailSender is bound by the host when config `email` is set —
 * without it the mail functions answer API_ERROR_CLIENT_NOT_FOUND.
 */
export function exportModule(options: ExportModuleOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(RecordingExporter)
      .toDynamicValue((ctx) => new RecordingExporter({ recordings: storage(ctx).recordings, recordingsPath: ctx.get<EngineSettings>(TOKENS.Settings).recordingsPath, clock: clock(ctx) }))
      .inSingletonScope();
    bind(ExportAccess)
      .toDynamicValue((ctx) => new ExportAccess({ storage: storage(ctx), clock: clock(ctx), authRequired: options.authRequired }))
      .inSingletonScope();
    const deps = (ctx: ResolutionContext): EmailCommandDeps => ({
      exporter: ctx.get(RecordingExporter),
      access: ctx.get(ExportAccess),
      time: ctx.get<ApiTimeFormat>(TOKENS.TimeFormat),
      sender: ctx.get<MailSender>(MailSender, { optional: true }),
    });
    bind<ApiCommand>(ApiCommand).toDynamicValue((ctx) => new EmailCommand(deps(ctx))).inSingletonScope();
    bind<ApiCommand>(ApiCommand).toDynamicValue((ctx) => new CombinedEmailCommand(deps(ctx))).inSingletonScope();
    for (const type of WEBAPI_EXPORT_FUNCTIONS) bind<ApiCommand>(ApiCommand).toConstantValue(new WebApiOnlyExport(type));
  });
}

const storage = (ctx: ResolutionContext) => ctx.get<Storage>(TOKENS.Storage);
const clock = (ctx: ResolutionContext) => ctx.get<Clock>(TOKENS.Clock);
