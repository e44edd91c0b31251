import { createServer, type Server, type Socket } from 'node:net';
import { ReconnectingLink, type BackoffOptions, type LinkAttempt, type LinkConnection } from '@callwire/plugin-kit';
import { LinkedSource, type LineHandler, type SourceContext, type SplitterFactory } from './record-source.js';

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

const LISTENING = { connecting: 'binding', connected: 'listening on', cannot: 'cannot listen on', lost: 'stopped listening on' } as const;

/**
 * SMDR pushed to us (Avaya IP Office connects to its SMDR collector). Every
 * connection gets its own line splitter, with TCP keepalive; peers outside
 * `allow` are closed at once and logged. Keeping the port bound is what a
 * ReconnectingLink does here: a port that cannot be bound (in use) is tried
 * again with capped exponential backoff, each change of state logged once.
 */
export class TcpListenSource extends LinkedSource {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  protected readonly link: ReconnectingLink<LinkConnection>;

  constructor(
    private readonly settings: TcpListenSettings,
    private readonly splitter: SplitterFactory,
    private readonly onLine: LineHandler,
    private readonly context: SourceContext,
    reconnect: BackoffOptions,
  ) {
    super();
    const peer = `${settings.host}:${settings.port} for SMDR`;
    this.link = new ReconnectingLink({ peer, wording: LISTENING, connect: (attempt) => this.listen(attempt), reconnect, context });
  }

  /** The bound port (useful with port 0), once listening. */
  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address !== null ? address.port : undefined;
  }

  private listen(attempt: LinkAttempt): Promise<LinkConnection> {
    const { host, port } = this.settings;
    const server = createServer((socket) => this.accept(socket));
    return new Promise((resolve, reject) => {
      server.once('error', (err) => {
        server.close();
        reject(err);
      });
      server.listen({ host, port }, () => {
        this.server = server;
        server.removeAllListeners('error');
        server.on('error', (err) => attempt.lost(err.message));
        resolve({ detail: port === 0 ? ` (port ${this.port})` : '', close: () => this.close(server) });
      });
    });
  }

  private async close(server: Server): Promise<void> {
    if (this.server === server) this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    const address = plainAddress(socket.remoteAddress);
    const peer = `${address}:${socket.remotePort}`;
    const { log } = this.context;
    if (this.settings.allow && !this.settings.allow.some((a) => plainAddress(a) === address)) {
      log.warn({ peer }, `SMDR connection from ${peer} refused: not in tcp.listen.allow`);
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.setKeepAlive(true, this.settings.keepAliveMs);
    const splitter = this.splitter();
    log.info({ peer }, `PBX connected from ${peer}`);
    socket.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) this.onLine(line, peer);
    });
    socket.on('error', (err) => log.debug({ err, peer }, `SMDR connection from ${peer}: ${err.message}`));
    socket.on('close', () => {
      this.sockets.delete(socket);
      for (const line of splitter.end()) this.onLine(line, peer);
      if (this.server) log.info({ peer }, `PBX at ${peer} disconnected`);
    });
  }
}
