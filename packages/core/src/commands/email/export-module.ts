import { ContainerModule, type ResolutionContext } from 'inversify';
import type { Clock } from '../../clock.js';
import { RecordingExporter, type RecordingFileSource } from '../../media/index.js';
import type { ApiTimeFormat } from '../../protocol/api-time.js';
import type { EngineSettings } from '../../settings.js';
import type { Storage } from '../../storage/index.js';
import { TOKENS } from '../../tokens.js';
import { ApiCommand } from '../api-command.js';
import { CombinedExportCommand, COMBINED_EXPORT_FUNCTIONS } from '../export/combined-export-command.js';
import type { ExportCommandDeps } from '../export/file-export-command.js';
import { ExportCommand } from '../export/export-command.js';
import { MultiExportCommand } from '../export/multi-export-command.js';
import { CombinedEmailCommand } from './combined-email-command.js';
import { EmailCommand, type EmailCommandDeps } from './email-command.js';
import { ExportAccess } from './export-access.js';
import { MailSender } from './mail-sender.js';

/** Deployment choices the export functions depend on. */
export interface ExportModuleOptions {
  /** config `auth.required`: exports and mails need ALLOWEXPORTDOWNLOAD / ALLOWEXPORTEMAIL. */
  readonly authRequired: boolean;
}

/**
 * Binds media export and mail: the RecordingExporter and ExportAccess, the
 * functions that answer with a file (EXPORT, COMBINEDEXPORT / COMBINEEXPORT,
 * MULTIEXPORT: the dispatcher refuses them on doors that cannot carry one),
 * and EMAIL and COMBINEDEMAIL. Expects
 * TOKENS.Storage, TOKENS.Clock, TOKENS.TimeFormat and TOKENS.Settings from
 * the host, and TOKENS.RecordingFileSource when recordings may be on other
 * machines (it may be bound after the container is built); MailSender is bound by the host when config `email` is set —
 * without it the mail functions answer API_ERROR_CLIENT_NOT_FOUND.
 */
export function exportModule(options: ExportModuleOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(RecordingExporter)
      .toDynamicValue((ctx) => new RecordingExporter({
        recordings: storage(ctx).recordings, recordingsPath: ctx.get<EngineSettings>(TOKENS.Settings).recordingsPath, clock: clock(ctx),
        // Looked up at each export, so a host may bind it once its cluster connection is up.
        elsewhere: (recording) => ctx.get<RecordingFileSource>(TOKENS.RecordingFileSource, { optional: true })?.(recording) ?? Promise.resolve(undefined),
      }))
      .inSingletonScope();
    bind(ExportAccess)
      .toDynamicValue((ctx) => new ExportAccess({ storage: storage(ctx), clock: clock(ctx), authRequired: options.authRequired }))
      .inSingletonScope();
    const deps = (ctx: ResolutionContext): EmailCommandDeps => ({
      exporter: ctx.get(RecordingExporter),
      access: ctx.get(ExportAccess),
      time: ctx.get<ApiTimeFormat>(TOKENS.TimeFormat),
      sender: ctx.get<MailSender>(MailSender, { optional: true }),
      clock: clock(ctx),
    });
    bind<ApiCommand>(ApiCommand).toDynamicValue((ctx) => new EmailCommand(deps(ctx))).inSingletonScope();
    bind<ApiCommand>(ApiCommand).toDynamicValue((ctx) => new CombinedEmailCommand(deps(ctx))).inSingletonScope();
    const exports = (ctx: ResolutionContext): ExportCommandDeps => ({ exporter: ctx.get(RecordingExporter), access: ctx.get(ExportAccess), clock: clock(ctx) });
    bind<ApiCommand>(ApiCommand).toDynamicValue((ctx) => new ExportCommand(exports(ctx))).inSingletonScope();
    for (const type of COMBINED_EXPORT_FUNCTIONS) bind<ApiCommand>(ApiCommand).toDynamicValue((ctx) => new CombinedExportCommand(type, exports(ctx))).inSingletonScope();
    bind<ApiCommand>(ApiCommand).toDynamicValue((ctx) => new MultiExportCommand(exports(ctx))).inSingletonScope();
  });
}

const storage = (ctx: ResolutionContext) => ctx.get<Storage>(TOKENS.Storage);
const clock = (ctx: ResolutionContext) => ctx.get<Clock>(TOKENS.Clock);
