import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WebServer } from './web-server.js';

/** Why an upgrade is answered with a plain HTTP response instead. */
export interface WebSocketRefusal {
  readonly status: number;
  /** One line, sent as the body. */
  readonly reason: string;
}

/** A client the endpoint has agreed to take, before its connection is open. */
export interface WebSocketAdmission {
  /** The connection is open; `log` is bound to the client. */
  open(ws: WebSocket, log: Logger): void;
  /** It never opened (refused for the client limit, or the socket went away): release what admit took. */
  abandon?(): void;
}

/** The rules every WebSocket endpoint keeps, as its options set them. */
export interface WebSocketClientRules {
  readonly web: WebServer;
  readonly log: Logger;
  /** Upgrades beyond this many open clients are refused with 503; default 1000. */
  readonly maxClients?: number;
  /** Every client is pinged this often and dropped if it has not answered the previous ping; default 30 s. */
  readonly heartbeatIntervalMs?: number;
  /**
   * Config `server.web.origins`: browser origins allowed besides the web
   * port's own (see {@link originRefusal}); default none.
   */
  readonly origins?: readonly string[];
}

export interface WebSocketEndpointOptions extends WebSocketClientRules {
  /** Matched in any casing. */
  readonly path: string;
  /** What the clients are, in log lines and refusals: `event` → "at most 1000 event clients". */
  readonly noun: string;
  /** Reads an upgrade that passed the origin rule: a refusal, or the client to open. */
  admit(url: URL, request: IncomingMessage): WebSocketRefusal | WebSocketAdmission;
}

/** A running WebSocket endpoint. */
export interface WebSocketEndpoint {
  /** Stops accepting clients, closes the open ones (1001) and stops the heartbeat. */
  close(): Promise<void>;
  readonly clientCount: number;
}

/** How long `close()` waits for clients to finish the closing handshake before cutting them off. */
const CLOSE_GRACE_MS = 1000;
/** Clients send nothing; a frame larger than this is a misbehaving client. */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

/**
 * A WebSocket endpoint on the web port that only sends, with the rules every
 * such endpoint keeps (`/events`, `/audio`): the web server's guard has
 * checked credentials before any upgrade; a browser page of another origin
 * is refused with 403 (a page elsewhere must not read with the user's
 * credentials); then `admit` reads the query (a refusal is its status and
 * one-line reason); beyond `maxClients` open clients, 503. Each client is
 * pinged every heartbeat and dropped when it did not answer the previous
 * ping. A plain GET of the path is answered 426.
 */
export function attachWebSocketEndpoint(options: WebSocketEndpointOptions): WebSocketEndpoint {
  const { web, log, noun } = options;
  const path = options.path.toLowerCase();
  const maxClients = options.maxClients ?? 1000;
  const origins = new Set((options.origins ?? []).map(normalOrigin));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  /** Open clients, each with whether it answered the last ping. */
  const clients = new Map<WebSocket, { answered: boolean; log: Logger }>();
  let nextId = 1;

  const open = (ws: WebSocket, admission: WebSocketAdmission, remote: string | undefined): void => {
    const client = { answered: true, log: log.child({ client: `ws-${nextId++}`, remote }) };
    clients.set(ws, client);
    ws.on('pong', () => (client.answered = true));
    ws.on('error', (err) => client.log.debug({ err }, `${noun} client error`));
    ws.once('close', () => clients.delete(ws));
    admission.open(ws, client.log);
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean => {
    if (url.pathname.toLowerCase() !== path) return false;
    const badOrigin = originRefusal(request, origins, noun);
    if (badOrigin) {
      log.warn({ remote: request.socket.remoteAddress, origin: request.headers.origin }, `refusing ${noun} client: foreign origin`);
      refuse(socket, 403, badOrigin);
      return true;
    }
    const admitted = options.admit(url, request);
    if ('status' in admitted) {
      refuse(socket, admitted.status, admitted.reason);
      return true;
    }
    if (clients.size >= maxClients) {
      admitted.abandon?.();
      log.warn({ remote: request.socket.remoteAddress, limit: maxClients }, `refusing ${noun} client: too many clients`);
      refuse(socket, 503, `the server accepts at most ${maxClients} ${noun} clients`);
      return true;
    }
    let opened = false;
    wss.handleUpgrade(request, socket, head, (ws) => {
      opened = true;
      open(ws, admitted, request.socket.remoteAddress);
    });
    // ws calls back at once, or never (it answered a bad handshake with 400, or the socket was gone).
    if (!opened) admitted.abandon?.();
    return true;
  };

  const heartbeat = setInterval(() => {
    for (const [ws, client] of clients) {
      if (!client.answered) {
        // A peer that vanished without a FIN (a laptop closed, a NAT timeout) would otherwise hold its subscription for good.
        client.log.info(`dropping ${noun} client: it did not answer the last ping`);
        ws.terminate();
        continue;
      }
      client.answered = false;
      ws.ping();
    }
  }, options.heartbeatIntervalMs ?? 30_000);
  heartbeat.unref();

  const removeUpgrade = web.onUpgrade(onUpgrade);
  web.route(path, (_request, response) => {
    response.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket' });
    response.end(`${path} is a WebSocket endpoint: connect with a WebSocket client\n`);
  });

  return {
    get clientCount() {
      return clients.size;
    },
    async close() {
      clearInterval(heartbeat);
      removeUpgrade();
      const closed = [...clients.keys()].map((ws) => new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close(1001, 'server shutting down');
      }));
      const cutOff = setTimeout(() => [...clients.keys()].forEach((ws) => ws.terminate()), CLOSE_GRACE_MS);
      await Promise.all(closed);
      clearTimeout(cutOff);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * Why an upgrade's `Origin` is refused, undefined when it is not: a request
 * without one (a non-browser client) may connect; a browser's must be the
 * web port's own origin — http(s)://host:port as the request's Host header
 * says — or one of `allowed` (normalized).
 */
export function originRefusal(request: IncomingMessage, allowed: ReadonlySet<string>, noun: string): string | undefined {
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  const sent = normalOrigin(origin);
  if (allowed.has(sent)) return undefined;
  const host = request.headers.host;
  const encrypted = 'encrypted' in request.socket && request.socket.encrypted === true;
  if (host !== undefined && sent === normalOrigin(`${encrypted ? 'https' : 'http'}://${host}`)) return undefined;
  return `origin ${origin.slice(0, 200)} may not open this ${noun} stream; add it to server.web.origins to allow its pages`;
}

/** An origin as URL normalizes it (lower case, default port left out); the text itself when it is not a URL (e.g. `null`). */
function normalOrigin(text: string): string {
  try {
    const origin = new URL(text).origin;
    return origin === 'null' ? text : origin;
  } catch {
    return text;
  }
}

/** Answers an upgrade the endpoint will not accept with a plain HTTP response, then closes. */
function refuse(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.on('error', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
