import type { PluginContext } from '@callwire/core';
import { WebSocket } from 'ws';
import { Backoff, type BackoffOptions } from '@callwire/core';

export interface PbxLinkOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly heartbeatMs: number;
  /** Sent as a text frame with every ping, for PBXs that want an application heartbeat (Yeastar: `heartbeat`). */
  readonly heartbeatText?: string;
  readonly reconnect: BackoffOptions;
}

export interface PbxLinkHandlers {
  /** The socket is open: send the subscription, if the PBX wants one. */
  opened(send: (text: string) => void): void;
  /** One text frame from the PBX. */
  text(text: string): void;
}

/** The largest frame accepted from a PBX. */
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/**
 * Keeps one WebSocket to a PBX's event socket open: reconnects after any
 * loss with capped exponential backoff, pings every heartbeat, and drops a
 * socket that answered neither the ping nor anything else within a
 * heartbeat (a PBX that vanished without closing).
 */
export class PbxLink {
  private readonly backoff: Backoff;
  private socket: WebSocket | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  /** Connections opened so far. */
  connections = 0;

  constructor(
    private readonly options: PbxLinkOptions,
    private readonly describe: string,
    private readonly log: PluginContext['log'],
    private readonly handlers: PbxLinkHandlers,
  ) {
    this.backoff = new Backoff(options.reconnect);
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.socket?.terminate();
    this.socket = undefined;
  }

  private connect(): void {
    const { url, headers, heartbeatMs, heartbeatText } = this.options;
    const ws = new WebSocket(url, { headers: { ...headers }, handshakeTimeout: Math.max(heartbeatMs, 5000), maxPayload: MAX_FRAME_BYTES });
    this.socket = ws;
    let alive = true;
    let heartbeat: NodeJS.Timeout | undefined;
    let ended = false;
    let talked = false;
    // A PBX that answers (pong or any frame) resets the backoff; one that accepts and drops must not be hammered.
    const heard = () => {
      alive = true;
      if (!talked) this.backoff.reset();
      talked = true;
    };
    const end = (why: string) => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      ws.terminate();
      if (this.socket === ws) this.socket = undefined;
      if (this.stopped) return;
      const wait = this.backoff.next();
      this.log.warn(`PBX event socket ${this.describe}: ${why}; reconnecting in ${wait} ms`);
      this.retryTimer = setTimeout(() => this.connect(), wait);
    };

    ws.on('open', () => {
      this.connections++;
      this.log.info(`connected to the PBX event socket ${this.describe}`);
      heartbeat = setInterval(() => {
        if (!alive) return end(`no answer to a ping within ${heartbeatMs} ms`);
        alive = false;
        ws.ping();
        if (heartbeatText !== undefined) ws.send(heartbeatText);
      }, heartbeatMs);
      heartbeat.unref();
      this.handlers.opened((text) => ws.send(text));
    });
    ws.on('pong', heard);
    ws.on('message', (data, isBinary) => {
      heard();
      if (isBinary) return this.log.warn(`PBX event socket ${this.describe}: ignored a binary frame`);
      this.handlers.text(String(data));
    });
    ws.on('unexpected-response', (_request, response) => end(`the PBX refused the upgrade with HTTP ${response.statusCode}`));
    ws.on('error', (err) => end(err.message));
    ws.on('close', (code) => end(`closed by the PBX (${code})`));
  }
}
