import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { waitFor } from './plugin-under-test.js';

/** How the stand-in answers what Callwire sends (a subscription, a heartbeat text). */
export type Answerer = (text: string) => string | undefined;

/**
 * Stands in for a PBX's event socket (Asterisk ARI, Yeastar OpenAPI) — the
 * one thing that cannot run here: a real WebSocket server on 127.0.0.1 that
 * checks the credentials the PBX checks, answers as it answers, and sends
 * the events the test writes.
 */
export class PbxStandIn {
  /** Text frames Callwire sent, with the connection (1-based) they came on. */
  readonly received: { connection: number; text: string }[] = [];
  /** Upgrades accepted, and refused for bad credentials. */
  connections = 0;
  refused = 0;
  /** WebSocket pings Callwire sent (its heartbeat). */
  pings = 0;
  private socket: WebSocket | undefined;

  private constructor(
    private readonly server: WebSocketServer,
    readonly path: string,
  ) {}

  /**
   * @param accepts whether the upgrade's URL carries the PBX's credentials (else 401, as the PBX answers)
   * @param answer what the PBX sends back to a text frame, if anything
   */
  static async start(path: string, accepts: (url: URL) => boolean, answer: Answerer = () => undefined): Promise<PbxStandIn> {
    let standIn: PbxStandIn | undefined;
    const server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      path,
      verifyClient: (info, done) => {
        const ok = accepts(new URL(info.req.url ?? '/', 'http://pbx.invalid'));
        if (!ok && standIn) standIn.refused++;
        done(ok, 401, 'Unauthorized');
      },
    });
    await once(server, 'listening');
    standIn = new PbxStandIn(server, path);
    server.on('connection', (socket) => standIn!.accept(socket, answer));
    return standIn;
  }

  /** The URL Callwire connects to, with `query` (credentials, app). */
  url(query: string): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.path}?${query}`;
  }

  /** Sends an event (an object as JSON, a string as is). */
  send(event: object | string): void {
    if (!this.socket) throw new Error('Callwire is not connected');
    this.socket.send(typeof event === 'string' ? event : JSON.stringify(event));
  }

  waitForConnection(count = 1): Promise<void> {
    return waitFor(() => this.connections >= count, `connection ${count}`);
  }

  /** Closes the connection as a restarting PBX would. */
  drop(): void {
    this.socket?.terminate();
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(socket: WebSocket, answer: Answerer): void {
    this.socket?.terminate();
    this.socket = socket;
    const connection = ++this.connections;
    socket.on('ping', () => this.pings++);
    socket.on('message', (data) => {
      const text = String(data);
      this.received.push({ connection, text });
      const reply = answer(text);
      if (reply !== undefined) socket.send(reply);
    });
    socket.on('error', () => undefined);
  }
}

/** The fixture's ARI and Yeastar samples, without their `_source` notes. */
export function samples(): Record<string, unknown>[] {
  const file = new URL('../../../test/fixtures/ws_call_events_samples.jsonl', import.meta.url);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { _source, ...event } = JSON.parse(line) as Record<string, unknown>;
      return event;
    });
}
