import { MailSender } from '@callwire/core';
import { ContainerModule } from 'inversify';
import type { Logger } from 'pino';
import { SmtpMailSender, type EmailConfig } from './smtp-mail-sender.js';

/**
 * Binds the MailSender EMAIL and COMBINEDEMAIL use: SMTP per config `email`.
 * Without that config nothing is bound, and the mail functions answer
 * API_ERROR_CLIENT_NOT_FOUND ("the email server is not configured").
 */
export function mailModule(config: EmailConfig | undefined, log: Logger): ContainerModule {
  return new ContainerModule(({ bind }) => {
    if (config) bind(MailSender).toConstantValue(new SmtpMailSender(config, log));
  });
}
