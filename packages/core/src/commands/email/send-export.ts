import type { ExportFile } from '../../media/index.js';
import type { ApiTimeFormat } from '../../protocol/api-time.js';
import { ApiError } from '../api-error.js';
import { exportMailText } from './mail-text.js';
import type { MailAddress, MailSender } from './mail-sender.js';

/** The configured sender, or API_ERROR_CLIENT_NOT_FOUND when config `email` is absent. */
export function requireSender(sender: MailSender | undefined): MailSender {
  if (!sender) throw new ApiError('API_ERROR_CLIENT_NOT_FOUND', 'no email server is configured (config email.smtp)');
  return sender;
}

/**
 * Mails `file` as an attachment, encoded while the SMTP server reads it.
 * The attachment stream is closed however sending ends, so an unsent
 * export leaves no file open.
 */
export async function sendExport(
  sender: MailSender,
  file: ExportFile,
  envelope: { to: readonly MailAddress[]; from?: MailAddress },
  combined: boolean,
  time: ApiTimeFormat,
): Promise<void> {
  const { subject, text } = exportMailText(file, combined, time);
  const content = file.media.open();
  try {
    await sender.send({
      ...envelope,
      subject,
      text,
      attachments: [{ filename: file.fileName, contentType: file.media.contentType, content }],
    });
  } finally {
    content.destroy();
  }
}
