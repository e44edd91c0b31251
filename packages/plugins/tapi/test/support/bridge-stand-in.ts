import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A message Callwire sent to the bridge. */
export type Sent = { type: string; id?: unknown; [key: string]: unknown };

/**
 * Stands in for the TAPI-to-network bridge (the only part of a TAPI
 * deployment that cannot run here): a real server on 127.0.0.1 that the
 * plugin connects to. The test writes the bridge's messages and reads what
 * Callwire sent back.
 */
export abstract class BridgeStandIn {
  /** Messages from Callwire, in order, with the connection (1-based) they came on. */
  readonly received: { connection: number; message: Sent }[] = [];
  /** Connections accepted so far. */
  connections = 0;
  /** Answer Callwire's PING with PONG (a TCP bridge must; turn off to play a hung bridge). */
  answerPings = true;
  private nextPing = 1;
  private readonly waiters = new Set<() => void>();

  /** Sends bridge messages on the current connection, one JSON line each. */
  send(...messages: object[]): void {
    for (const message of messages) this.write(JSON.stringify(message));
  }

  /** Sends a raw line (for malformed input). */
  sendRaw(text: string): void {
    this.write(text);
  }

  /**
   * Waits until Callwire has applied everything sent so far: the plugin
   * answers a PING only after the messages before it.
   */
  async sync(timeoutMs = 5000): Promise<void> {
    const id = `sync-${this.nextPing++}`;
    this.send({ type: 'PING', id });
    await this.until(() => this.received.some((r) => r.message.type === 'PONG' && r.message.id === id), timeoutMs, `PONG ${id}`);
  }

  /** Waits for the `count`-th connection and Callwire's HELLO on it. */
  waitForConnection(count = 1, timeoutMs = 5000): Promise<void> {
    return this.until(() => this.received.some((r) => r.connection === count && r.message.type === 'HELLO'), timeoutMs, `HELLO on connection ${count}`);
  }

  /** Resolves once `check` holds (re-checked whenever Callwire sends something, and every 10 ms). */
  async until(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, 10);
        this.waiters.add(wake);
      });
    }
  }

  /** Closes the current connection as a crashing bridge would. */
  abstract drop(): void;
  abstract close(): Promise<void>;
  protected abstract write(text: string): void;

  protected heard(connection: number, text: string): void {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const message = JSON.parse(line) as Sent;
      this.received.push({ connection, message });
      if (message.type === 'PING' && this.answerPings) this.send({ type: 'PONG', id: message.id });
    }
    for (const wake of [...this.waiters]) wake();
  }
}

/** The bridge as a TCP server speaking JSON lines. */
export class TcpBridgeStandIn extends BridgeStandIn {
  private socket: Socket | undefined;

  private constructor(private readonly server: Server) {
    super();
    server.on('connection', (socket) => {
      this.socket?.destroy();
      this.socket = socket;
      const connection = ++this.connections;
      let pending = '';
      socket.setEncoding('utf8');
      socket.on('data', (text: string) => {
        const lines = (pending + text).split('\n');
        pending = lines.pop() ?? '';
        this.heard(connection, lines.join('\n'));
      });
      socket.on('error', () => undefined);
    });
  }

  /** Listens on 127.0.0.1, on `port` or (by default) a free one. */
  static async start(port = 0): Promise<TcpBridgeStandIn> {
    const server = createServer();
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    return new TcpBridgeStandIn(server);
  }

  /** The plugin's `bridge` option for this stand-in. */
  get option(): { host: string; port: number } {
    return { host: '127.0.0.1', port: (this.server.address() as AddressInfo).port };
  }

  drop(): void {
    this.socket?.destroy();
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  protected write(text: string): void {
    if (!this.socket) throw new Error('Callwire is not connected to the bridge');
    this.socket.write(`${text}\n`);
  }
}

/** The bridge as a WebSocket server: one JSON message per text frame. */
export class WebSocketBridgeStandIn extends BridgeStandIn {
  private socket: WebSocket | undefined;
  /** WebSocket pings Callwire sent (its heartbeat). */
  pings = 0;

  private constructor(private readonly server: WebSocketServer) {
    super();
    server.on('connection', (socket) => {
      this.socket?.terminate();
      this.socket = socket;
      const connection = ++this.connections;
      socket.on('message', (data) => this.heard(connection, String(data)));
      socket.on('ping', () => this.pings++);
      socket.on('error', () => undefined);
    });
  }

  static async start(): Promise<WebSocketBridgeStandIn> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/tapi' });
    await once(server, 'listening');
    return new WebSocketBridgeStandIn(server);
  }

  get option(): { url: string } {
    return { url: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/tapi` };
  }

  drop(): void {
    this.socket?.terminate();
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise((resolve) => this.server.close(resolve));
  }

  protected write(text: string): void {
    if (!this.socket) throw new Error('Callwire is not connected to the bridge');
    this.socket.send(text);
  }
}
