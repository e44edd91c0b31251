import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** A message the sink accepted: its envelope and the parsed mail. */
export interface ReceivedMail {
  readonly envelopeFrom: string;
  readonly envelopeTo: readonly string[];
  readonly mail: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1 (port 0) that accepts every message
 * (without authentication or TLS) and parses it with mailparser — the
 * mail server the export tests deliver to. Recipients in `refuse` are
 * rejected at RCPT TO with 550, as a server does for unknown mailboxes;
 * `acceptLogin`, when given, decides each AUTH (a refusal is 535).
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private readonly waiters: (() => void)[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(options: { refuse?: readonly string[]; acceptLogin?: (user: string, password: string) => boolean } = {}): Promise<SmtpSink> {
    let sink: SmtpSink | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 100 * 1024 * 1024,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        const { acceptLogin } = options;
        if (!acceptLogin || acceptLogin(auth.username ?? '', auth.password ?? '')) callback(null, { user: auth.username });
        else callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
      },
      onRcptTo(address: SMTPServerAddress, _session, callback) {
        if (options.refuse?.includes(address.address)) callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        else callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (mail) => {
            const from = session.envelope.mailFrom;
            sink!.received.push({ envelopeFrom: from ? from.address : '', envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
            sink!.waiters.splice(0).forEach((wake) => wake());
            callback();
          },
          (err: Error) => callback(err),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    sink = new SmtpSink(server, (server.server.address() as AddressInfo).port);
    return sink;
  }

  /** Waits until `count` messages have arrived in all. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.received.length} of ${count} messages arrived`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received.slice(0, count);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
