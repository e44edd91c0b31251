import { readFileSync } from 'node:fs';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';

/** Answers one HTTP request; the path is already matched. */
export type WebRoute = (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>;

/** Checks a request's credentials (config `auth.required`); a refusal carries the HTTP status and reason. */
export type RequestGuard = (request: IncomingMessage) => Promise<GuardRefusal | undefined>;

/** Why a guard refused a request; `retryAfterSeconds` becomes a Retry-After header (429, 503). */
export interface GuardRefusal {
  readonly status: number;
  readonly reason: string;
  readonly retryAfterSeconds?: number;
}

/** An HTTP upgrade (WebSocket) handler; returns true when it took the socket. */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => boolean;

export interface WebServerOptions {
  readonly host: string;
  readonly port: number;
  /** HTTPS on its own port with the same routes (config `server.tls`). */
  readonly tls?: { readonly port: number; readonly cert: string; readonly key: string };
}

/** Where the web server listens. */
export interface WebAddresses {
  readonly web: AddressInfo;
  readonly tls?: AddressInfo;
}

/**
 * The web port (2012), and HTTPS (2013) when configured, with the same
 * routes: `/healthz`, the WebAPI, `/events`, `/audio` and the live monitor attach here.
 * Paths match case-insensitively because real clients send `/Webapi.aspx`.
 * Unknown path → 404; an upgrade nobody takes → 404.
 */
export class WebServer {
  private readonly servers: Server[];
  private readonly routes = new Map<string, { handler: WebRoute; open: boolean }>();
  private guard: RequestGuard | undefined;
  private readonly upgrades: UpgradeHandler[] = [];
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly options: WebServerOptions,
    private readonly log: Logger,
  ) {
    const handle = (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response);
    this.servers = [createServer(handle)];
    if (options.tls) this.servers.push(createTlsServer({ cert: readFileSync(options.tls.cert), key: readFileSync(options.tls.key) }, handle));
    for (const server of this.servers) {
      server.on('connection', (socket: Socket) => {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
      });
      server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(request, socket, head));
    }
    this.route(
      '/healthz',
      (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));
      },
      { open: true },
    );
  }

  /** Serves `path` (any casing) with `handler`; `open` routes skip the guard (health checks). */
  route(path: string, handler: WebRoute, options: { open?: boolean } = {}): void {
    this.routes.set(path.toLowerCase(), { handler, open: options.open === true });
  }

  /** Every route not marked open, and every upgrade, must pass `guard` first. */
  requireAuthentication(guard: RequestGuard): void {
    this.guard = guard;
  }

  /** Offers every upgrade request to `handler` (in the order added); returns the function that removes it. */
  onUpgrade(handler: UpgradeHandler): () => void {
    this.upgrades.push(handler);
    return () => {
      const at = this.upgrades.indexOf(handler);
      if (at !== -1) this.upgrades.splice(at, 1);
    };
  }

  async listen(): Promise<WebAddresses> {
    const [web, tls] = await Promise.all(
      this.servers.map((server, i) => listen(server, i === 0 ? this.options.port : this.options.tls!.port, this.options.host)),
    );
    return { web: web!, tls };
  }

  async close(): Promise<void> {
    const closed = this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(closed);
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const refusal = await this.guard?.(request);
    if (refusal) {
      const headers = Object.entries(refusalHeaders(refusal)).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      socket.end(`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? 'Refused'}\r\nConnection: close\r\n${headers}\r\n${refusal.reason}\n`);
      return;
    }
    if (this.upgrades.some((handler) => handler(request, socket, head, url))) return;
    socket.end(`HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nno such page: ${url.pathname}\n`);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = this.routes.get(url.pathname.toLowerCase());
    try {
      const refusal = route && !route.open ? await this.guard?.(request) : undefined;
      if (refusal) {
        response.writeHead(refusal.status, refusalHeaders(refusal));
        response.end(`${refusal.reason}\n`);
      } else if (route) await route.handler(request, response, url);
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

/** The headers of a refusal: the Basic challenge, and Retry-After when the guard says when. */
function refusalHeaders(refusal: GuardRefusal): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Basic realm="Callwire"' };
  if (refusal.retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(refusal.retryAfterSeconds)));
  return headers;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
