import { connect, type Socket } from 'node:net';
import { AttemptEnding, ReconnectingLink, type BackoffOptions, type LinkAttempt, type LinkConnection } from '@callwire/plugin-kit';
import { LinkedSource, type LineHandler, type SourceContext, type SplitterFactory } from './record-source.js';

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
 * on 2300). TCP keepalive is on, so a PBX that vanished is noticed; a
 * ReconnectingLink retries a refused, timed-out or dropped connection with
 * capped exponential backoff and logs each change of state once. With
 * `login`, the username and password are sent, each followed by CRLF, as
 * soon as the connection is up — nothing else is ever written to the PBX.
 */
export class TcpClientSource extends LinkedSource {
  protected readonly link: ReconnectingLink<LinkConnection>;
  private readonly peer: string;

  constructor(
    private readonly settings: TcpClientSettings,
    private readonly splitter: SplitterFactory,
    private readonly onLine: LineHandler,
    private readonly context: SourceContext,
    reconnect: BackoffOptions,
  ) {
    super();
    this.peer = `${settings.host}:${settings.port}`;
    this.link = new ReconnectingLink({ peer: `the PBX at ${this.peer}`, connect: (attempt) => this.open(attempt), reconnect, context });
  }

  private open(attempt: LinkAttempt): Promise<LinkConnection> {
    const { host, port, login, connectTimeoutMs, keepAliveMs } = this.settings;
    const { timers } = this.context;
    const socket = connect({ host, port, keepAlive: true, keepAliveInitialDelay: keepAliveMs });
    const splitter = this.splitter();
    let failure: Error | undefined;
    let giveUp: ReturnType<typeof timers.setTimeout> | undefined;
    return new Promise((resolve, reject) => {
      const ending = new AttemptEnding(attempt, reject, () => {
        timers.clearTimeout(giveUp);
        socket.destroy();
      });
      if (!ending.ended) giveUp = timers.setTimeout(() => ending.end(`no answer within ${connectTimeoutMs / 1000} s`), connectTimeoutMs);
      socket.once('connect', () => {
        timers.clearTimeout(giveUp);
        if (login) socket.write(`${login.username}\r\n${login.password}\r\n`);
        ending.opened();
        resolve({ detail: login ? `; sent login '${login.username}'` : '', close: () => destroyed(socket) });
      });
      socket.on('data', (chunk: Buffer) => {
        for (const line of splitter.push(chunk)) this.onLine(line, this.peer);
      });
      socket.on('error', (err) => (failure = err));
      socket.on('close', () => {
        for (const line of splitter.end()) this.onLine(line, this.peer);
        ending.end(failure ? failure.message : 'the PBX closed the connection');
      });
    });
  }
}

/** Destroys the socket; resolves once it is closed. */
function destroyed(socket: Socket): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.destroy();
  });
}
