import { connect, createServer, type Server, type Socket } from 'node:net';
import { sleep, waitUntil } from './wait.js';

/**
 * The PBX's SMDR port when the collector dials in (Mitel MiVB on 1752,
 * Panasonic on 2300): a real TCP server on 127.0.0.1. It keeps what each
 * client sent (the Panasonic login) and writes records to the connected
 * client. `close()` drops clients and stops listening, as a PBX reboot does;
 * `listen()` again reopens the same port.
 */
export class PbxSmdrServer {
  private server: Server | undefined;
  private readonly clients: Socket[] = [];
  /** What the collector sent, per connection, in order. */
  readonly received: string[] = [];
  connections = 0;
  port = 0;

  static async start(): Promise<PbxSmdrServer> {
    const pbx = new PbxSmdrServer();
    await pbx.listen();
    return pbx;
  }

  async listen(): Promise<void> {
    const server = createServer((socket) => {
      const index = this.received.push('') - 1;
      this.connections++;
      this.clients.push(socket);
      socket.setEncoding('latin1');
      socket.on('data', (text: string) => void (this.received[index] += text));
      socket.on('error', () => undefined);
      socket.on('close', () => this.clients.splice(this.clients.indexOf(socket), 1));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: this.port }, () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Resolves once `count` connections have been made in all. */
  async waitForConnections(count: number, timeoutMs = 8000): Promise<void> {
    await waitUntil(() => this.connections >= count && this.clients.length > 0, `${count} connection(s) from the plugin`, timeoutMs);
  }

  /** Resolves once connection `connection` (1 = the first) has sent at least `text.length` characters. */
  async waitForReceived(connection: number, text: string, timeoutMs = 8000): Promise<void> {
    await waitUntil(() => (this.received[connection - 1] ?? '').length >= text.length, `${JSON.stringify(text)} on connection ${connection}`, timeoutMs);
  }

  /** Writes each chunk to the connected collector, `gapMs` apart. */
  async send(chunks: readonly string[], gapMs = 5): Promise<void> {
    for (const chunk of chunks) {
      const client = this.clients.at(-1);
      if (!client) throw new Error('no collector is connected');
      await new Promise<void>((resolve, reject) => client.write(Buffer.from(chunk, 'latin1'), (err) => (err ? reject(err) : resolve())));
      await sleep(gapMs);
    }
  }

  async close(): Promise<void> {
    for (const client of [...this.clients]) client.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The PBX pushing SMDR to the collector (Avaya IP Office): one TCP connection to the plugin's listener. */
export class PbxSmdrPusher {
  private readonly gone: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('error', () => undefined);
    this.gone = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Resolves when the connection is closed, by either side (the plugin closes a refused peer at once). */
  closed(): Promise<void> {
    return this.gone;
  }

  static connect(port: number): Promise<PbxSmdrPusher> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new PbxSmdrPusher(socket)));
      socket.once('error', reject);
    });
  }

  /** Connects, retrying until the plugin listens. */
  static async connectWhenListening(port: number, timeoutMs = 8000): Promise<PbxSmdrPusher> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await PbxSmdrPusher.connect(port);
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await sleep(20);
      }
    }
  }

  async send(chunks: readonly string[], gapMs = 5): Promise<void> {
    for (const chunk of chunks) {
      await new Promise<void>((resolve, reject) => this.socket.write(Buffer.from(chunk, 'latin1'), (err) => (err ? reject(err) : resolve())));
      await sleep(gapMs);
    }
  }

  /** Closes the connection and waits until it is closed. */
  async end(): Promise<void> {
    this.socket.end();
    await this.gone;
  }
}

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
