import type { Logger } from '@callwire/plugin-api';
import { SerialPort } from 'serialport';
import { Backoff, type BackoffOptions } from '@callwire/core';
import { StateLog } from '../state-log.js';
import { errorKey, type LineHandler, type RecordSource, type SplitterFactory } from './record-source.js';

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

/**
 * SMDR from a serial port (through `serialport`). A port that is not there
 * yet, cannot be opened, or goes away (USB adapter pulled, pty closed) is
 * reopened with capped exponential backoff; each change of state (waiting
 * for the port, open, lost) is logged once, not once per retry.
 */
export class SerialSource implements RecordSource {
  private port: SerialPort | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly backoff: Backoff;
  private readonly state: StateLog;

  constructor(
    private readonly settings: SerialSettings,
    private readonly splitter: SplitterFactory,
    private readonly onLine: LineHandler,
    private readonly log: Logger,
    retry: BackoffOptions,
  ) {
    this.backoff = new Backoff(retry);
    this.state = new StateLog(log);
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private open(): void {
    const { path, baudRate, dataBits, parity, stopBits, rtscts, xon } = this.settings;
    const port = new SerialPort({ path, baudRate, dataBits, parity, stopBits, rtscts, xon, xoff: xon, autoOpen: false });
    const splitter = this.splitter();
    this.port = port;
    port.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) this.onLine(line, path);
    });
    port.on('error', (err) => this.log.debug({ err }, `serial port ${path}: ${err.message}`));
    port.open((err) => {
      if (this.stopped || this.port !== port) {
        if (!err) port.close();
        return;
      }
      if (err) {
        this.retry(`waiting:${errorKey(err)}`, `serial port ${path} cannot be opened (${err.message}); retrying until it can`);
        return;
      }
      this.backoff.reset();
      this.state.report('open', 'info', `serial port ${path} open (${baudRate} ${dataBits}${parity[0]!.toUpperCase()}${stopBits})`);
      port.once('close', (closeErr?: Error | null) => {
        for (const line of splitter.end()) this.onLine(line, path);
        if (this.stopped || this.port !== port) return;
        const why = closeErr ? closeErr.message : 'closed';
        this.retry(`lost:${errorKey(closeErr)}`, `serial port ${path} went away (${why}); reopening`);
      });
    });
  }

  private retry(key: string, message: string): void {
    this.port?.removeAllListeners('data');
    this.port = undefined;
    this.state.report(key, 'warn', message);
    this.timer = setTimeout(() => this.open(), this.backoff.next());
  }
}
