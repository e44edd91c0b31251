import { MailDeliveryError, type MailAddress, type MailMessage, type MailSender } from '@callwire/core';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { CallwireConfig } from '../config/index.js';

/** config `email`. */
export type EmailConfig = NonNullable<CallwireConfig['email']>;

/** How long to wait for the mail server to connect and greet: a client is waiting for the reply. */
const CONNECT_TIMEOUT_MS = 10_000;
/** How long the server may stay silent once talking (a large attachment is still streaming). */
const SOCKET_TIMEOUT_MS = 120_000;

/**
 * Sends mail through the SMTP server in config `email.smtp` with nodemailer.
 * The envelope sender is always config `email.from` (the address the mail
 * server and SPF know); a message's own From (COMBINEDEMAIL's FROMADDRESS)
 * goes in the From header, with config `email.from` as Sender. Attachments
 * are streamed into the SMTP connection as they are encoded.
 *
 * Failures: a recipient or sender the server refuses is `address-rejected`
 * (API_EMAIL_NOT_VALID); anything else — no connection, timeouts, TLS,
 * authentication, a refused message — is `unreachable`
 * (API_ERROR_CLIENT_NOT_FOUND, "cannot be found"). Each failure is logged
 * with the mail server's reply and the number of recipients (warn for a
 * refused address, error otherwise) — never the SMTP password.
 */
export class SmtpMailSender implements MailSender {
  private readonly transport;

  constructor(
    private readonly config: EmailConfig,
    private readonly log: Logger,
  ) {
    const { host, port, secure, auth } = config.smtp;
    this.transport = nodemailer.createTransport({
      host,
      port,
      secure: secure ?? port === 465,
      ...(auth ? { auth: { user: auth.user, pass: auth.pass } } : {}),
      connectionTimeout: CONNECT_TIMEOUT_MS,
      greetingTimeout: CONNECT_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
    });
  }

  async send(message: MailMessage): Promise<void> {
    const to = message.to.map(mailbox);
    let info: { rejected?: unknown[] };
    try {
      info = await this.transport.sendMail({
        envelope: { from: this.config.from, to: message.to.map((m) => m.address) },
        from: message.from ? mailbox(message.from) : this.config.from,
        ...(message.from ? { sender: this.config.from } : {}),
        to,
        subject: message.subject,
        text: message.text,
        attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
    } catch (err) {
      const failure = err as SmtpFailure;
      throw this.logged(deliveryError(failure), message, failure);
    }
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length > 0) throw this.logged(new MailDeliveryError('address-rejected', `the mail server refused ${rejected.join(', ')}; the others were sent`), message, {});
  }

  /** Logs why `message` was not (all) sent, with what the server replied; returns the error to throw. */
  private logged(error: MailDeliveryError, message: MailMessage, failure: SmtpFailure): MailDeliveryError {
    const { host, port } = this.config.smtp;
    const line = {
      smtp: `${host}:${port}`, recipients: message.to.length, code: failure.code, command: failure.command,
      responseCode: failure.responseCode, response: failure.response,
    };
    if (error.reason === 'address-rejected') this.log.warn(line, `mail not delivered to every recipient: ${error.message}`);
    else this.log.error(line, `mail not sent: ${error.message}`);
    return error;
  }

  /** Closes idle connections (on shutdown). */
  close(): void {
    this.transport.close();
  }
}

function mailbox(address: MailAddress): { address: string; name: string } {
  // Control characters in a display name could only be an attempt at header injection.
  return { address: address.address, name: (address.name ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ') };
}

/** What nodemailer's errors carry besides the message: the SMTP command, the server's reply and code. */
type SmtpFailure = Partial<NodeJS.ErrnoException> & { command?: string; responseCode?: number; response?: string; rejected?: string[] };

function deliveryError(err: SmtpFailure): MailDeliveryError {
  if (err.code === 'EENVELOPE') {
    const who = err.rejected?.length ? err.rejected.join(', ') : 'the address';
    return new MailDeliveryError('address-rejected', `the mail server refused ${who}: ${err.response ?? err.message}`);
  }
  const reply = err.responseCode ? ` (${err.response ?? err.responseCode})` : '';
  return new MailDeliveryError('unreachable', `the mail server could not be used: ${err.message ?? String(err)}${reply}`);
}
