import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from '@callwire/plugin-api';
import { Backoff, type BackoffOptions } from '@callwire/core';
import { StateLog } from '../state-log.js';
import { errorKey, type LineHandler, type RecordSource, type SplitterFactory } from './record-source.js';

/** Where to listen and whom to accept. */
export interface TcpListenSettings {
  readonly host: string;
  readonly port: number;
  /** Peer addresses allowed to send; undefined = any. */
  readonly allow?: readonly string[];
  readonly keepAliveMs: number;
}

/** The address as written in config: `::ffff:10.0.0.5` is 10.0.0.5. */
function plainAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

/**
 * SMDR pushed to us (Avaya IP Office connects to its SMDR collector). Every
 * connection gets its own line splitter, with TCP keepalive; peers outside
 * `allow` are closed at once and logged. A port that cannot be bound (in use)
 * is retried with capped exponential backoff, logged once per state change.
 */
export class TcpListenSource implements RecordSource {
  private server: Server | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly sockets = new Set<Socket>();
  private readonly backoff: Backoff;
  private readonly state: StateLog;

  constructor(
    private readonly settings: TcpListenSettings,
    private readonly splitter: SplitterFactory,
    private readonly onLine: LineHandler,
    private readonly log: Logger,
    retry: BackoffOptions,
  ) {
    this.backoff = new Backoff(retry);
    this.state = new StateLog(log);
  }

  /** The bound port (useful with port 0), once listening. */
  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address !== null ? address.port : undefined;
  }

  start(): void {
    this.stopped = false;
    this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private listen(): void {
    const { host, port } = this.settings;
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    server.once('error', (err) => {
      if (this.stopped || this.server !== server) return;
      this.server = undefined;
      server.close();
      this.state.report(`waiting:${errorKey(err)}`, 'warn', `cannot listen for SMDR on ${host}:${port} (${err.message}); retrying`);
      this.timer = setTimeout(() => this.listen(), this.backoff.next());
    });
    server.listen({ host, port }, () => {
      this.backoff.reset();
      this.state.report('listening', 'info', `listening for SMDR on ${host}:${this.port}`);
    });
  }

  private accept(socket: Socket): void {
    const address = plainAddress(socket.remoteAddress);
    const peer = `${address}:${socket.remotePort}`;
    if (this.settings.allow && !this.settings.allow.some((a) => plainAddress(a) === address)) {
      this.log.warn({ peer }, `SMDR connection from ${peer} refused: not in tcp.listen.allow`);
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.setKeepAlive(true, this.settings.keepAliveMs);
    const splitter = this.splitter();
    this.log.info({ peer }, `PBX connected from ${peer}`);
    socket.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) this.onLine(line, peer);
    });
    socket.on('error', (err) => this.log.debug({ err, peer }, `SMDR connection from ${peer}: ${err.message}`));
    socket.on('close', () => {
      this.sockets.delete(socket);
      for (const line of splitter.end()) this.onLine(line, peer);
      if (!this.stopped) this.log.info({ peer }, `PBX at ${peer} disconnected`);
    });
  }
}
