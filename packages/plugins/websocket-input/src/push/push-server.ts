import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { InputContext, TimerHandle } from '@callwire/plugin-api';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ServerModeOptions } from '../options.js';
import { sentToken, tokenMatches } from './access-token.js';
import { PushSession } from './push-session.js';

/**
 * The plugin's own WebSocket endpoint for PBX adapters. The token is checked
 * before the upgrade, so a wrong one never gets a WebSocket: it is answered
 * 401 on plain HTTP and the socket closed. Clients are pinged every
 * heartbeat and dropped when they stop answering, so a vanished adapter
 * does not hold a connection forever.
 */
export class PushServer {
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly alive = new WeakSet<WebSocket>();
  private heartbeat: TimerHandle | undefined;
  private readonly log: InputContext['log'];

  constructor(private readonly ctx: Pick<InputContext<ServerModeOptions>, 'options' | 'calls' | 'log' | 'timers'>) {
    const { options } = ctx;
    this.log = ctx.log;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
    this.http = createServer((_request, response) => {
      response.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' });
      response.end(`this endpoint speaks WebSocket: connect to ${options.listen.path}?token=…\n`);
    });
    this.http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
  }

  async start(): Promise<void> {
    const { host, port, path } = this.ctx.options.listen;
    this.http.listen(port, host);
    await Promise.race([once(this.http, 'listening'), once(this.http, 'error').then(([err]) => Promise.reject(err as Error))]);
    const address = this.http.address() as AddressInfo;
    this.log.info(`PBX adapters push call events to ws://${address.address}:${address.port}${path}`);
    this.heartbeat = this.ctx.timers.setInterval(() => this.beat(), this.ctx.options.heartbeatSeconds * 1000);
  }

  async stop(): Promise<void> {
    this.ctx.timers.clearInterval(this.heartbeat);
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    if (this.http.listening) await new Promise((resolve) => this.http.close(resolve));
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://callwire.invalid');
    const { path } = this.ctx.options.listen;
    if (url.pathname !== path) return refuse(socket, 404, 'Not Found', `no WebSocket endpoint at ${url.pathname}; PBX adapters connect to ${path}`);
    if (!tokenMatches(sentToken(request, url), this.ctx.options.token)) {
      this.log.warn({ remote: request.socket.remoteAddress }, 'refused a PBX adapter with a missing or wrong token');
      return refuse(socket, 401, 'Unauthorized', 'a valid token is required: ?token=… or Authorization: Bearer …');
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.alive.add(ws);
      ws.on('pong', () => this.alive.add(ws));
      ws.on('error', (err) => this.log.debug({ err }, 'PBX adapter connection error'));
      this.log.info({ remote: request.socket.remoteAddress }, 'a PBX adapter connected');
      PushSession.attach(ws, this.ctx.calls, this.log);
    });
  }

  private beat(): void {
    for (const client of this.wss.clients) {
      if (!this.alive.has(client)) {
        client.terminate();
        continue;
      }
      this.alive.delete(client);
      client.ping();
    }
  }
}

/** Answers an upgrade request with a plain HTTP error and closes the socket. */
function refuse(socket: Duplex, status: number, reason: string, body: string): void {
  const text = `${body}\n`;
  const headers = [
    `HTTP/1.1 ${status} ${reason}`, 'Content-Type: text/plain; charset=utf-8', `Content-Length: ${Buffer.byteLength(text)}`, 'Connection: close',
    ...(status === 401 ? ['WWW-Authenticate: Bearer'] : []),
  ];
  socket.end(`${headers.join('\r\n')}\r\n\r\n${text}`);
}
