import { WebSocket, type ClientOptions } from 'ws';

/** An upgrade the plugin answered with a plain HTTP response (401, 404). */
export class UpgradeRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`upgrade refused with ${status}: ${body}`);
  }
}

/**
 * A PBX adapter as the test plays it: a real WebSocket client of the
 * plugin's push endpoint that sends frames and reads the replies in order.
 */
export class AdapterClient {
  private readonly replies: string[] = [];
  private wake: (() => void) | undefined;
  /** The close code, once the connection has closed. */
  closed: number | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.replies.push(String(data));
      this.wake?.();
    });
    ws.on('close', (code) => {
      this.closed = code;
      this.wake?.();
    });
    ws.on('error', () => undefined);
  }

  /** Connects; rejects with UpgradeRefused (status and body) when the plugin refuses the upgrade. */
  static open(url: string, options: ClientOptions = {}): Promise<AdapterClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options);
      const client = new AdapterClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_request, response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (text: string) => (body += text));
        response.on('end', () => reject(new UpgradeRefused(response.statusCode ?? 0, body)));
      });
      ws.once('error', reject);
    });
  }

  /** The next reply, waiting up to `timeoutMs` for it. */
  async next(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length === 0) {
      if (this.closed !== undefined) throw new Error(`closed (${this.closed}) before a reply came`);
      if (Date.now() > deadline) throw new Error('timed out waiting for a reply');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.replies.shift()!;
  }

  close(): void {
    this.ws.terminate();
  }
}
