import { connect } from 'node:net';
import { AttemptEnding, LineSplitter, type LinkAttempt } from '@callwire/plugin-kit';
import { MAX_MESSAGE_LENGTH, type BridgeConnection, type ConnectionEvents, type ConnectionSettings } from './bridge-connection.js';

/**
 * Opens a JSON-lines connection to a bridge over TCP. TCP has no ping of its
 * own that reaches the bridge program, so Callwire sends `PING` every
 * heartbeat and gives up on a bridge silent for two heartbeats (a hung
 * bridge keeps its socket open; only this notices). A line longer than
 * MAX_MESSAGE_LENGTH is dropped and reported, never parsed.
 */
export function openTcpConnection(
  target: { readonly host: string; readonly port: number },
  { heartbeatMs, context: { clock, timers } }: ConnectionSettings,
  attempt: LinkAttempt,
  events: ConnectionEvents,
): Promise<BridgeConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port });
    const splitter = new LineSplitter({ maxLineLength: MAX_MESSAGE_LENGTH });
    let connection: BridgeConnection | undefined;
    let heardAt = clock.now();
    let pings = 0;
    let heartbeat: ReturnType<typeof timers.setInterval> | undefined;
    const ending = new AttemptEnding(attempt, reject, () => {
      timers.clearInterval(heartbeat);
      socket.destroy();
    });
    const send = (message: object) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
    };

    socket.setNoDelay(true);
    socket.once('connect', () => {
      socket.setKeepAlive(true, heartbeatMs);
      heartbeat = timers.setInterval(() => {
        if (clock.now() - heardAt > 2 * heartbeatMs) return ending.end(`the bridge sent nothing for ${2 * heartbeatMs} ms, not even PONG`);
        send({ type: 'PING', id: ++pings });
      }, heartbeatMs);
      connection = { send, close: () => ending.end('closed by Callwire') };
      ending.opened();
      resolve(connection);
    });
    socket.on('data', (chunk: Buffer) => {
      heardAt = clock.now();
      const lines = splitter.push(chunk);
      const cut = lines.filter((line) => line.cut).length;
      if (cut > 0) events.problem(`a line longer than ${MAX_MESSAGE_LENGTH} characters was dropped (${cut} piece(s))`);
      for (const line of lines) {
        if (ending.ended || !connection) return;
        if (line.cut) continue;
        attempt.heard();
        events.line(line.text, connection);
      }
    });
    socket.on('error', (err) => ending.end(err.message));
    socket.on('close', () => ending.end('the bridge closed the connection'));
  });
}
