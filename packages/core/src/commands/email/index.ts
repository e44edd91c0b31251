/** EMAIL and COMBINEDEMAIL, the mail interface, what the export functions share with them, and the module binding both. */
export { MailSender, MailDeliveryError, type MailMessage, type MailAddress, type MailAttachment } from './mail-sender.js';
export { isEmailAddress, readAddresses } from './email-address.js';
export { readEncoding, readList, readRecordingSelection, requireParameter, type RecordingSelection } from './read-export-request.js';
export { ExportAccess, type ExportAccessDeps, type ExportPermission } from './export-access.js';
export { audited, askedFor } from './audited.js';
export { exportMailText } from './mail-text.js';
export { sendExport, requireSender } from './send-export.js';
export { EmailCommand, type EmailCommandDeps } from './email-command.js';
export { CombinedEmailCommand, COMBINED_EMAIL_DEFAULT_FORMAT } from './combined-email-command.js';
export { exportModule, type ExportModuleOptions } from './export-module.js';
