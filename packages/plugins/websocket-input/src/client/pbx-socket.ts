import type { InputContext } from '@callwire/plugin-api';
import { AttemptEnding, type LinkAttempt, type LinkConnection } from '@callwire/plugin-kit';
import { WebSocket } from 'ws';

/** Where the PBX's event socket is and how it is kept alive. */
export interface PbxSocketOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly heartbeatMs: number;
  /** Sent as a text frame with every ping, for PBXs that want an application heartbeat (Yeastar: `heartbeat`). */
  readonly heartbeatText?: string;
}

/** An open event socket. */
export interface PbxSocket extends LinkConnection {
  /** Sends one text frame (a subscription). */
  send(text: string): void;
  close(): void;
}

/** The largest frame accepted from a PBX. */
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/**
 * Opens one WebSocket to a PBX's event socket for a link attempt: pings
 * every heartbeat (on the plugin's timers) and drops a socket that answered
 * neither the ping nor anything else within a heartbeat (a PBX that
 * vanished without closing). Every text frame goes to `text`; a pong or a
 * frame tells the link the PBX is alive.
 */
export function openPbxSocket(
  options: PbxSocketOptions,
  context: Pick<InputContext, 'log' | 'timers'>,
  attempt: LinkAttempt,
  text: (frame: string) => void,
): Promise<PbxSocket> {
  const { url, headers, heartbeatMs, heartbeatText } = options;
  const { timers, log } = context;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { ...headers }, handshakeTimeout: Math.max(heartbeatMs, 5000), maxPayload: MAX_FRAME_BYTES });
    let alive = true;
    let heartbeat: ReturnType<typeof timers.setInterval> | undefined;
    const ending = new AttemptEnding(attempt, reject, () => {
      timers.clearInterval(heartbeat);
      ws.terminate();
    });
    const heard = () => {
      alive = true;
      attempt.heard();
    };

    ws.on('open', () => {
      heartbeat = timers.setInterval(() => {
        if (!alive) return ending.end(`no answer to a ping within ${heartbeatMs} ms`);
        alive = false;
        ws.ping();
        if (heartbeatText !== undefined) ws.send(heartbeatText);
      }, heartbeatMs);
      ending.opened();
      resolve({ send: (frame) => ws.send(frame), close: () => ending.end('closed by Callwire') });
    });
    ws.on('pong', heard);
    ws.on('message', (data, isBinary) => {
      heard();
      if (isBinary) return log.warn('ignored a binary frame from the PBX event socket');
      text(String(data));
    });
    ws.on('unexpected-response', (_request, response) => ending.end(`the PBX refused the upgrade with HTTP ${response.statusCode}`));
    ws.on('error', (err) => ending.end(err.message));
    ws.on('close', (code) => ending.end(`closed by the PBX (${code})`));
  });
}
