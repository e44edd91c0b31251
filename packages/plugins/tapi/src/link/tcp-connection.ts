import { connect } from 'node:net';
import { MAX_MESSAGE_BYTES, type BridgeConnection, type ConnectionEvents } from './bridge-connection.js';
import { LineSplitter } from './line-splitter.js';

/**
 * Opens a JSON-lines connection to a bridge over TCP. TCP has no ping of its
 * own that reaches the bridge program, so Callwire sends `PING` every
 * heartbeat and gives up on a bridge silent for two heartbeats (a hung
 * bridge keeps its socket open; only this notices).
 */
export function openTcpConnection(
  target: { readonly host: string; readonly port: number },
  heartbeatMs: number,
  events: ConnectionEvents,
): Promise<BridgeConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port });
    const splitter = new LineSplitter(MAX_MESSAGE_BYTES);
    let open = false;
    let closedReason: string | undefined;
    let heardAt = Date.now();
    let pings = 0;
    let heartbeat: NodeJS.Timeout | undefined;

    const finish = (reason: string) => {
      if (closedReason !== undefined) return;
      closedReason = reason;
      clearInterval(heartbeat);
      socket.destroy();
      if (open) events.closed(reason);
      else reject(new Error(reason));
    };
    const send = (message: object) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
    };

    socket.setNoDelay(true);
    socket.once('connect', () => {
      open = true;
      socket.setKeepAlive(true, heartbeatMs);
      heartbeat = setInterval(() => {
        if (Date.now() - heardAt > 2 * heartbeatMs) return finish(`the bridge sent nothing for ${2 * heartbeatMs} ms, not even PONG`);
        send({ type: 'PING', id: ++pings });
      }, heartbeatMs);
      heartbeat.unref();
      resolve({ send, close: () => finish('closed by Callwire') });
    });
    socket.on('data', (chunk: Buffer) => {
      heardAt = Date.now();
      const { lines, dropped } = splitter.push(chunk);
      if (dropped > 0) events.problem(`${dropped} line(s) longer than ${MAX_MESSAGE_BYTES} bytes dropped`);
      for (const line of lines) {
        if (closedReason !== undefined) return;
        events.line(line);
      }
    });
    socket.on('error', (err) => finish(err.message));
    socket.on('close', () => finish('the bridge closed the connection'));
  });
}
