import { WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES, type BridgeConnection, type ConnectionEvents } from './bridge-connection.js';

/**
 * Opens a connection to a bridge over WebSocket: one JSON message per text
 * frame (a frame holding several lines is read line by line). Liveness is
 * checked with WebSocket pings, which every WebSocket library answers by
 * itself, so a bridge need not implement PING/PONG on this transport.
 */
export function openWebSocketConnection(url: string, heartbeatMs: number, events: ConnectionEvents): Promise<BridgeConnection> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { handshakeTimeout: Math.max(heartbeatMs, 5000), maxPayload: MAX_MESSAGE_BYTES });
    let open = false;
    let closedReason: string | undefined;
    let alive = true;
    let heartbeat: NodeJS.Timeout | undefined;

    const finish = (reason: string) => {
      if (closedReason !== undefined) return;
      closedReason = reason;
      clearInterval(heartbeat);
      ws.terminate();
      if (open) events.closed(reason);
      else reject(new Error(reason));
    };

    ws.once('open', () => {
      open = true;
      heartbeat = setInterval(() => {
        if (!alive) return finish(`the bridge did not answer a WebSocket ping within ${heartbeatMs} ms`);
        alive = false;
        ws.ping();
      }, heartbeatMs);
      heartbeat.unref();
      resolve({
        send: (message) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
        },
        close: () => finish('closed by Callwire'),
      });
    });
    ws.on('pong', () => (alive = true));
    ws.on('message', (data, isBinary) => {
      alive = true;
      if (isBinary) return events.problem('a binary frame was ignored; the bridge must send JSON text');
      for (const line of String(data).split('\n')) {
        if (closedReason !== undefined) return;
        if (line.trim() !== '') events.line(line.trim());
      }
    });
    ws.on('unexpected-response', (_request, response) => finish(`the bridge refused the WebSocket upgrade with HTTP ${response.statusCode}`));
    ws.on('error', (err) => finish(err.message));
    ws.on('close', (code) => finish(`the bridge closed the WebSocket (${code})`));
  });
}
