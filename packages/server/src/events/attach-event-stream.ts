import { controlJson, controlXml, matchesFilter, wantsControl, type CallcopyEvent, type CallSnapshotSource, type EventBus } from '@callwire/core';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { attachWebSocketEndpoint, type WebSocketClientRules, type WebSocketEndpoint } from '../web/websocket-endpoint.js';
import { EventStream, type ControlRenderer, type EventRenderer } from './event-stream.js';
import { parseEventStreamQuery, type EventStreamRequest } from './event-stream-query.js';

export interface EventStreamEndpointOptions extends WebSocketClientRules {
  readonly bus: EventBus;
  readonly snapshot: CallSnapshotSource;
  /** Matched in any casing; default `/events`. */
  readonly path?: string;
  /** A client with more than this many bytes waiting is dropped; default 1 MiB. */
  readonly maxBacklogBytes?: number;
}

/** The running `/events` endpoint. */
export type EventStreamEndpoint = WebSocketEndpoint;

const xml: [EventRenderer, ControlRenderer] = [(event, xref) => event.xml(xref).slice(0, -2), (message) => controlXml(message).slice(0, -2)];

/** How each form is written: `format`, then `v` (XML is the same in both; JSON v2 is its own shape). */
const renderers: Readonly<Record<`${EventStreamRequest['format']}${EventStreamRequest['version']}`, [EventRenderer, ControlRenderer]>> = {
  // One event per frame already delimits it; the CRLF only the TCP stream needs is left off.
  xml1: xml,
  xml2: xml,
  json1: [(event, xref) => event.json(xref), (message) => controlJson(message, 1)],
  json2: [(event, xref) => event.jsonV2(xref), (message) => controlJson(message, 2)],
};

/**
 * Serves the event interface as a WebSocket on the web port: `GET /events`
 * with `class`, `value`, `format`, `snapshot`, `v` and `since` in the query
 * (see event-stream-query.ts). Each client gets its own EVENTXREF and one
 * frame per event, the replay and the snapshot first; a client that asked
 * for `v=2` or `since` also gets control messages, others nothing else. A bad query is refused
 * before the upgrade with 400 and a one-line reason; origins, the client
 * limit and the heartbeat are those of every WebSocket endpoint
 * (websocket-endpoint.ts).
 */
export function attachEventStream(options: EventStreamEndpointOptions): EventStreamEndpoint {
  const { bus } = options;
  const maxBacklogBytes = options.maxBacklogBytes ?? 1024 * 1024;

  const open = (ws: WebSocket, request: EventStreamRequest, log: Logger): void => {
    const [render, renderControl] = renderers[`${request.format}${request.version}`];
    const stream = new EventStream({
      bus,
      filter: request.filter,
      xref: bus.allocateXref(),
      render,
      renderControl,
      maxBacklogBytes,
      log,
      sink: {
        backlogBytes: () => ws.bufferedAmount,
        send: (text, flushed) => ws.send(text, flushed),
        drop: () => ws.terminate(),
      },
    });
    let closed = false;
    ws.once('close', () => {
      closed = true;
      stream.stop();
    });
    const start = (snapshot: readonly CallcopyEvent[] | undefined) => {
      if (closed) return;
      stream.start({
        snapshot: snapshot?.filter((event) => matchesFilter(request.filter, event)),
        since: request.since,
        control: wantsControl(request.version, request.since),
      });
    };
    const snapshot = request.snapshot ? options.snapshot.snapshot() : undefined;
    if (!(snapshot instanceof Promise)) start(snapshot);
    else snapshot.then(start, (err: unknown) => {
      log.warn({ err }, `event client refused: the calls in progress could not be read: ${(err as Error).message}`);
      ws.close(1011, 'the calls in progress could not be read');
    });
    log.debug({ filter: request.filter, format: request.format, version: request.version, since: request.since }, 'event client connected');
  };

  return attachWebSocketEndpoint({
    ...options,
    path: options.path ?? '/events',
    noun: 'event',
    admit(url) {
      const asked = parseEventStreamQuery(url.searchParams);
      if ('error' in asked) return { status: 400, reason: asked.error };
      return { open: (ws, log) => open(ws, asked, log) };
    },
  });
}
