import type { InputContext } from '@callwire/plugin-api';
import type { LinkAttempt, LinkConnection } from '@callwire/plugin-kit';
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
    let open = false;
    let alive = true;
    let ended = false;
    let heartbeat: ReturnType<typeof timers.setInterval> | undefined;
    const heard = () => {
      alive = true;
      attempt.heard();
    };
    const end = (why: string) => {
      if (ended) return;
      ended = true;
      timers.clearInterval(heartbeat);
      attempt.signal.removeEventListener('abort', abandon);
      ws.terminate();
      if (open) attempt.lost(why);
      else reject(new Error(why));
    };
    const abandon = () => end('closed by Callwire');

    attempt.signal.addEventListener('abort', abandon, { once: true });
    ws.on('open', () => {
      open = true;
      heartbeat = timers.setInterval(() => {
        if (!alive) return end(`no answer to a ping within ${heartbeatMs} ms`);
        alive = false;
        ws.ping();
        if (heartbeatText !== undefined) ws.send(heartbeatText);
      }, heartbeatMs);
      resolve({ send: (frame) => ws.send(frame), close: abandon });
    });
    ws.on('pong', heard);
    ws.on('message', (data, isBinary) => {
      heard();
      if (isBinary) return log.warn('ignored a binary frame from the PBX event socket');
      text(String(data));
    });
    ws.on('unexpected-response', (_request, response) => end(`the PBX refused the upgrade with HTTP ${response.statusCode}`));
    ws.on('error', (err) => end(err.message));
    ws.on('close', (code) => end(`closed by the PBX (${code})`));
  });
}
