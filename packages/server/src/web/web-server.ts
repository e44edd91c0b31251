import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';

/** Answers one HTTP request; the path is already matched. */
export type WebRoute = (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>;

export interface WebServerOptions {
  readonly host: string;
  readonly port: number;
}

/**
 * The web port (2012): `/healthz` now; the WebAPI, `/events` and the live
 * monitor attach routes here. Paths match case-insensitively because real
 * clients send `/Webapi.aspx`. Unknown path → 404.
 */
export class WebServer {
  private readonly server: Server;
  private readonly routes = new Map<string, WebRoute>();
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly options: WebServerOptions,
    private readonly log: Logger,
  ) {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.route('/healthz', (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));
    });
  }

  /** Serves `path` (any casing) with `handler`. */
  route(path: string, handler: WebRoute): void {
    this.routes.set(path.toLowerCase(), handler);
  }

  /** The underlying server, for upgrade handlers (WebSocket). */
  get httpServer(): Server {
    return this.server;
  }

  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = this.routes.get(url.pathname.toLowerCase());
    try {
      if (route) await route(request, response, url);
      else {
        response.writeHead(404, { 'Content-Type': 'text/plain' });
        response.end(`no such page: ${url.pathname}\n`);
      }
    } catch (err) {
      this.log.error({ err, path: url.pathname }, 'web request failed');
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end('internal error; the server log has the details\n');
    }
  }
}
