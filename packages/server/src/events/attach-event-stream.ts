import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { matchesFilter, type CallSnapshotSource, type EventBus } from '@callwire/core';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WebServer } from '../web/web-server.js';
import { EventStream, type EventRenderer } from './event-stream.js';
import { parseEventStreamQuery, type EventStreamRequest } from './event-stream-query.js';

export interface EventStreamEndpointOptions {
  readonly web: WebServer;
  readonly bus: EventBus;
  readonly snapshot: CallSnapshotSource;
  readonly log: Logger;
  /** Matched in any casing; default `/events`. */
  readonly path?: string;
  /** A client with more than this many bytes waiting is dropped; default 1 MiB. */
  readonly maxBacklogBytes?: number;
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

/** The running `/events` endpoint. */
export interface EventStreamEndpoint {
  /** Stops accepting clients, closes the open ones (1001) and stops the heartbeat. */
  close(): Promise<void>;
  readonly clientCount: number;
}

/** How long `close()` waits for clients to finish the closing handshake before cutting them off. */
const CLOSE_GRACE_MS = 1000;
/** Clients send nothing; a frame larger than this is a misbehaving client. */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

const renderers: Readonly<Record<EventStreamRequest['format'], EventRenderer>> = {
  // One event per frame already delimits it; the CRLF only the TCP stream needs is left off.
  xml: (event, xref) => event.xml(xref).slice(0, -2),
  json: (event, xref) => event.json(xref),
};

/**
 * Serves the event interface as a WebSocket on the web port: `GET /events`
 * with `class`, `value`, `format` and `snapshot` in the query (see
 * event-stream-query.ts). Each client gets its own EVENTXREF and one frame per
 * event, the snapshot first; it is sent nothing else. A bad query is refused
 * before the upgrade with 400 and a one-line reason; a browser page of
 * another origin with 403 (a page elsewhere must not read the events with the
 * user's credentials).
 */
export function attachEventStream(options: EventStreamEndpointOptions): EventStreamEndpoint {
  const { web, bus, log } = options;
  const path = (options.path ?? '/events').toLowerCase();
  const maxBacklogBytes = options.maxBacklogBytes ?? 1024 * 1024;
  const maxClients = options.maxClients ?? 1000;
  const origins = new Set((options.origins ?? []).map(normalOrigin));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  /** Open clients, each with whether it answered the last ping. */
  const clients = new Map<WebSocket, { answered: boolean; log: Logger }>();
  let nextId = 1;

  const open = (ws: WebSocket, request: EventStreamRequest, remote: string | undefined): void => {
    const clientLog = log.child({ client: `ws-${nextId++}`, remote });
    const client = { answered: true, log: clientLog };
    const stream = new EventStream({
      bus,
      filter: request.filter,
      xref: bus.allocateXref(),
      render: renderers[request.format],
      maxBacklogBytes,
      log: clientLog,
      sink: {
        backlogBytes: () => ws.bufferedAmount,
        send: (text, flushed) => ws.send(text, flushed),
        drop: () => ws.terminate(),
      },
    });
    clients.set(ws, client);
    ws.on('pong', () => (client.answered = true));
    ws.on('error', (err) => clientLog.debug({ err }, 'event client error'));
    ws.once('close', () => {
      stream.stop();
      clients.delete(ws);
    });
    stream.start(request.snapshot ? options.snapshot.snapshot().filter((event) => matchesFilter(request.filter, event)) : []);
    clientLog.debug({ filter: request.filter, format: request.format }, 'event client connected');
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean => {
    if (url.pathname.toLowerCase() !== path) return false;
    const badOrigin = originRefusal(request, origins);
    if (badOrigin) {
      log.warn({ remote: request.socket.remoteAddress, origin: request.headers.origin }, 'refusing event client: foreign origin');
      refuse(socket, 403, badOrigin);
      return true;
    }
    const asked = parseEventStreamQuery(url.searchParams);
    if ('error' in asked) {
      refuse(socket, 400, asked.error);
      return true;
    }
    if (clients.size >= maxClients) {
      log.warn({ remote: request.socket.remoteAddress, limit: maxClients }, 'refusing event client: too many clients');
      refuse(socket, 503, `the server accepts at most ${maxClients} event clients`);
      return true;
    }
    wss.handleUpgrade(request, socket, head, (ws) => open(ws, asked, request.socket.remoteAddress));
    return true;
  };

  const heartbeat = setInterval(() => {
    for (const [ws, client] of clients) {
      if (!client.answered) {
        // A peer that vanished without a FIN (a laptop closed, a NAT timeout) would otherwise hold its subscription for good.
        client.log.info('dropping event client: it did not answer the last ping');
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
export function originRefusal(request: IncomingMessage, allowed: ReadonlySet<string>): string | undefined {
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  const sent = normalOrigin(origin);
  if (allowed.has(sent)) return undefined;
  const host = request.headers.host;
  const encrypted = 'encrypted' in request.socket && request.socket.encrypted === true;
  if (host !== undefined && sent === normalOrigin(`${encrypted ? 'https' : 'http'}://${host}`)) return undefined;
  return `origin ${origin.slice(0, 200)} may not open this event stream; add it to server.web.origins to allow its pages`;
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
