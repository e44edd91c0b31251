import type { Readable } from 'node:stream';

/** A mailbox: an address and, optionally, the name shown with it. */
export interface MailAddress {
  readonly address: string;
  readonly name?: string;
}

/** A file attached to a message, streamed while the message is sent. */
export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Readable;
}

/** One message with its attachments. */
export interface MailMessage {
  readonly to: readonly MailAddress[];
  /** The From header; the sender's configured address when absent. */
  readonly from?: MailAddress;
  readonly subject: string;
  readonly text: string;
  readonly attachments: readonly MailAttachment[];
}

/**
 * Sends mail for EMAIL and COMBINEDEMAIL. The core only knows this
 * interface; the server binds an SMTP implementation (config `email`).
 * Resolves once the mail server has accepted the message.
 * @throws MailDeliveryError
 */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

/** Injection token of the MailSender; left unbound when no mail server is configured. */
export const MailSender = Symbol.for('callwire.MailSender');

/**
 * Why a message was not sent: `unreachable` (no answer, connection or
 * protocol failure — API_ERROR_CLIENT_NOT_FOUND) or `address-rejected` (the
 * server refused a recipient or sender — API_EMAIL_NOT_VALID).
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  constructor(
    readonly reason: 'unreachable' | 'address-rejected',
    message: string,
  ) {
    super(message);
  }
}
