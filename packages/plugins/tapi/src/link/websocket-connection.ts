import { AttemptEnding, type LinkAttempt } from '@callwire/plugin-kit';
import { WebSocket } from 'ws';
import { MAX_MESSAGE_LENGTH, type BridgeConnection, type ConnectionEvents, type ConnectionSettings } from './bridge-connection.js';

/**
 * Opens a connection to a bridge over WebSocket: one JSON message per text
 * frame (a frame holding several lines is read line by line). Liveness is
 * checked with WebSocket pings, which every WebSocket library answers by
 * itself, so a bridge need not implement PING/PONG on this transport.
 */
export function openWebSocketConnection(url: string, { heartbeatMs, context: { timers } }: ConnectionSettings, attempt: LinkAttempt, events: ConnectionEvents): Promise<BridgeConnection> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { handshakeTimeout: Math.max(heartbeatMs, 5000), maxPayload: MAX_MESSAGE_LENGTH });
    let connection: BridgeConnection | undefined;
    let alive = true;
    let heartbeat: ReturnType<typeof timers.setInterval> | undefined;
    const ending = new AttemptEnding(attempt, reject, () => {
      timers.clearInterval(heartbeat);
      ws.terminate();
    });

    ws.once('open', () => {
      heartbeat = timers.setInterval(() => {
        if (!alive) return ending.end(`the bridge did not answer a WebSocket ping within ${heartbeatMs} ms`);
        alive = false;
        ws.ping();
      }, heartbeatMs);
      connection = {
        send: (message) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
        },
        close: () => ending.end('closed by Callwire'),
      };
      ending.opened();
      resolve(connection);
    });
    ws.on('pong', () => (alive = true));
    ws.on('message', (data, isBinary) => {
      alive = true;
      if (isBinary) return events.problem('a binary frame was ignored; the bridge must send JSON text');
      for (const line of String(data).split('\n')) {
        if (ending.ended || !connection) return;
        if (line.trim() === '') continue;
        attempt.heard();
        events.line(line.trim(), connection);
      }
    });
    ws.on('unexpected-response', (_request, response) => ending.end(`the bridge refused the WebSocket upgrade with HTTP ${response.statusCode}`));
    ws.on('error', (err) => ending.end(err.message));
    ws.on('close', (code) => ending.end(`the bridge closed the WebSocket (${code})`));
  });
}
