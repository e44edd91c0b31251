import { connect, type Socket } from 'node:net';
import { WebSocket, type ClientOptions } from 'ws';

/** A WebSocket client of `/events` (and `/audio`) for tests: collects frames in order. */
export class EventSocketClient {
  private readonly frames: string[] = [];
  /** Every message in order, never consumed: text frames as strings, binary ones as bytes. */
  readonly received: (string | Buffer)[] = [];
  private waiters: (() => void)[] = [];
  /** Set when the connection has closed. */
  closed: { code: number; reason: string } | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      this.frames.push(isBinary ? `<binary ${String(data)}>` : String(data));
      this.received.push(isBinary ? (data as Buffer) : String(data));
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
    ws.on('error', () => undefined);
  }

  /** Connects; rejects with the HTTP status and body when the upgrade is refused. */
  static open(url: string, options: ClientOptions = {}): Promise<EventSocketClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options);
      const client = new EventSocketClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_request, response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (text: string) => (body += text));
        response.on('end', () => reject(new UpgradeRefused(response.statusCode ?? 0, body)));
      });
      ws.once('error', reject);
    });
  }

  /** Waits for the next `count` frames. */
  async next(count = 1, timeoutMs = 5000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length < count) {
      if (this.closed) throw new Error(`closed (${this.closed.code}) after ${this.frames.length} of ${count} frames`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${count} frames, got ${this.frames.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.frames.splice(0, count);
  }

  /** Resolves with the close code once the server has closed the connection. */
  async waitClosed(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('WebSocket still open');
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.closed.code;
  }

  close(): void {
    this.ws.terminate();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** Opens `url` expecting the server to refuse the upgrade; resolves with the refusal. */
export async function upgradeRefusal(url: string, options: ClientOptions = {}): Promise<UpgradeRefused> {
  const err = await EventSocketClient.open(url, options).then(
    (client) => {
      client.close();
      throw new Error(`${url} was accepted`);
    },
    (e: unknown) => e,
  );
  if (!(err instanceof UpgradeRefused)) throw err;
  return err;
}

/** An upgrade the server answered with a plain HTTP response. */
export class UpgradeRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`upgrade refused with ${status}: ${body}`);
  }
}

/**
 * A WebSocket client that completes the handshake by hand and then never
 * reads again: what a stuck wallboard looks like to the server.
 */
export function openStalledWebSocket(port: number, path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
      socket.pause();
      resolve(socket);
    });
    socket.on('error', reject);
  });
}
