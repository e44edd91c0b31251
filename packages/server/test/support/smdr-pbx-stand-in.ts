import { createServer, type Server, type Socket } from 'node:net';

/**
 * Stands in for a PBX's SMDR port (a physical PBX cannot exist here): the
 * collector connects to it, and each record is written to the connection.
 * While no collector is connected, records wait in order, as a PBX buffers
 * SMDR while its link is down, and go out when one connects.
 */
export class SmdrPbxStandIn {
  private client: Socket | undefined;
  private readonly waiting: string[] = [];
  connections = 0;

  private constructor(private readonly server: Server) {
    server.on('connection', (socket) => {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (this.client === socket) this.client = undefined;
      });
      this.client?.destroy();
      this.client = socket;
      this.connections++;
      for (const line of this.waiting.splice(0)) socket.write(line);
    });
  }

  static async start(): Promise<SmdrPbxStandIn> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new SmdrPbxStandIn(server);
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Sends one record (CRLF added): now when a collector is connected, else when one connects. */
  send(record: string): void {
    const line = `${record}\r\n`;
    if (this.client) this.client.write(line);
    else this.waiting.push(line);
  }

  /** Resolves once a collector is connected (the `connections`-th one, when given). */
  async waitConnected(connections = 1, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(this.client && this.connections >= connections)) {
      if (Date.now() > deadline) throw new Error(`no SMDR collector connected within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Resolves once the collector's connection is gone. */
  async waitDisconnected(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.client) {
      if (Date.now() > deadline) throw new Error(`the SMDR collector stayed connected for ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    this.client?.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
