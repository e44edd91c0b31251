import { ReconnectingLink, type BackoffOptions, type LinkAttempt, type LinkConnection } from '@callwire/plugin-kit';
import { SerialPort } from 'serialport';
import { LinkedSource, type LineHandler, type SourceContext, type SplitterFactory } from './record-source.js';

/** The serial line settings. */
export interface SerialSettings {
  readonly path: string;
  readonly baudRate: number;
  readonly dataBits: 5 | 6 | 7 | 8;
  readonly parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  readonly stopBits: 1 | 1.5 | 2;
  readonly rtscts: boolean;
  readonly xon: boolean;
}

const OPENING = { connecting: 'opening', connected: 'opened', cannot: 'cannot open', lost: 'lost' } as const;

/**
 * SMDR from a serial port (through `serialport`). A port that is not there
 * yet, cannot be opened, or goes away (USB adapter pulled, pty closed) is
 * reopened by a ReconnectingLink: capped exponential backoff, each change
 * of state (cannot open, opened, lost) logged once, not once per retry.
 */
export class SerialSource extends LinkedSource {
  protected readonly link: ReconnectingLink<LinkConnection>;

  constructor(
    private readonly settings: SerialSettings,
    private readonly splitter: SplitterFactory,
    private readonly onLine: LineHandler,
    private readonly context: SourceContext,
    reconnect: BackoffOptions,
  ) {
    super();
    this.link = new ReconnectingLink({ peer: `serial port ${settings.path}`, wording: OPENING, connect: (attempt) => this.open(attempt), reconnect, context });
  }

  private open(attempt: LinkAttempt): Promise<LinkConnection> {
    const { path, baudRate, dataBits, parity, stopBits, rtscts, xon } = this.settings;
    const port = new SerialPort({ path, baudRate, dataBits, parity, stopBits, rtscts, xon, xoff: xon, autoOpen: false });
    const splitter = this.splitter();
    port.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) this.onLine(line, path);
    });
    port.on('error', (err) => this.context.log.debug({ err }, `serial port ${path}: ${err.message}`));
    return new Promise((resolve, reject) => {
      port.open((err) => {
        if (err) return reject(err);
        port.once('close', (closeErr?: Error | null) => {
          for (const line of splitter.end()) this.onLine(line, path);
          attempt.lost(closeErr ? closeErr.message : 'closed');
        });
        resolve({
          detail: ` (${baudRate} ${dataBits}${parity[0]!.toUpperCase()}${stopBits})`,
          close: () => new Promise<void>((closed) => (port.isOpen ? port.close(() => closed()) : closed())),
        });
      });
    });
  }
}
