import { connect, type Socket } from 'node:net';
import type { Logger } from '@callwire/plugin-api';
import { Backoff, type BackoffOptions } from '@callwire/core';
import { StateLog } from '../state-log.js';
import { errorKey, type LineHandler, type RecordSource, type SplitterFactory } from './record-source.js';

/** Where and how to connect. */
export interface TcpClientSettings {
  readonly host: string;
  readonly port: number;
  /** Sent after each connect as `<username>\r\n<password>\r\n` (Panasonic). */
  readonly login?: { readonly username: string; readonly password: string };
  readonly connectTimeoutMs: number;
  readonly keepAliveMs: number;
}

/**
 * SMDR from a PBX we connect to (Mitel MiVoice Business on 1752, Panasonic
 * on 2300). TCP keepalive is on, so a PBX that vanished is noticed; a refused
 * or dropped connection is retried with capped exponential backoff, and each
 * change of state is logged once. With `login`, the username and password
 * are sent, each followed by CRLF, as soon as the connection is up — nothing
 * else is ever written to the PBX.
 */
export class TcpClientSource implements RecordSource {
  private socket: Socket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly backoff: Backoff;
  private readonly state: StateLog;
  private readonly peer: string;

  constructor(
    private readonly settings: TcpClientSettings,
    private readonly splitter: SplitterFactory,
    private readonly onLine: LineHandler,
    log: Logger,
    retry: BackoffOptions,
  ) {
    this.backoff = new Backoff(retry);
    this.state = new StateLog(log);
    this.peer = `${settings.host}:${settings.port}`;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.destroy();
      });
    }
  }

  private connect(): void {
    const { host, port, login, connectTimeoutMs, keepAliveMs } = this.settings;
    const socket = connect({ host, port, keepAlive: true, keepAliveInitialDelay: keepAliveMs });
    const splitter = this.splitter();
    let connected = false;
    let failure: Error | undefined;
    this.socket = socket;
    socket.setTimeout(connectTimeoutMs, () => {
      if (!connected) socket.destroy(Object.assign(new Error(`no answer within ${connectTimeoutMs / 1000} s`), { code: 'ETIMEDOUT' }));
    });
    socket.on('connect', () => {
      connected = true;
      socket.setTimeout(0);
      this.backoff.reset();
      this.state.report('connected', 'info', `connected to the PBX at ${this.peer}${login ? `; sent login '${login.username}'` : ''}`);
      if (login) socket.write(`${login.username}\r\n${login.password}\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) this.onLine(line, this.peer);
    });
    socket.on('error', (err) => {
      failure = err;
    });
    socket.on('close', () => {
      for (const line of splitter.end()) this.onLine(line, this.peer);
      if (this.stopped || this.socket !== socket) return;
      this.socket = undefined;
      if (connected) this.state.report(`lost:${errorKey(failure)}`, 'warn', `the PBX at ${this.peer} closed the connection${failure ? ` (${failure.message})` : ''}; reconnecting`);
      else this.state.report(`waiting:${errorKey(failure)}`, 'warn', `cannot connect to the PBX at ${this.peer} (${failure?.message ?? 'closed'}); retrying until it answers`);
      this.timer = setTimeout(() => this.connect(), this.backoff.next());
    });
  }
}
