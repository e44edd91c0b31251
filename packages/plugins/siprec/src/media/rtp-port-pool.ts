import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';

/** A bound RTP port of the pool. */
export interface RtpPort {
  readonly port: number;
  readonly socket: Socket;
}

/**
 * The SRS's RTP ports: even ports of the configured range (the odd one
 * above each is left for RTCP), bound when a session needs them and closed
 * when it ends. Ports are taken round the range, so a port just given back
 * is not reused while the last session's media may still be arriving; one
 * another program holds is skipped.
 */
export class RtpPortPool {
  private readonly ports: number[] = [];
  private readonly inUse = new Set<number>();
  private cursor = 0;

  constructor(
    private readonly host: string,
    range: readonly [number, number],
  ) {
    for (let port = range[0] + (range[0] % 2); port <= range[1]; port += 2) this.ports.push(port);
  }

  /** Ports the range holds. */
  get capacity(): number {
    return this.ports.length;
  }

  get free(): number {
    return this.ports.length - this.inUse.size;
  }

  /**
   * Binds `count` ports, all or none.
   * @throws Error naming the range when not enough can be bound
   */
  async bind(count: number): Promise<RtpPort[]> {
    const bound: RtpPort[] = [];
    let tried = 0;
    while (bound.length < count && tried < this.ports.length) {
      const port = this.ports[this.cursor]!;
      this.cursor = (this.cursor + 1) % this.ports.length;
      tried++;
      if (this.inUse.has(port)) continue;
      this.inUse.add(port);
      const socket = await this.open(port);
      if (socket) bound.push({ port, socket });
      else this.inUse.delete(port);
    }
    if (bound.length < count) {
      this.release(bound);
      throw new Error(`no free RTP port left in ${this.ports[0]}-${this.ports.at(-1)! + 1} (${this.inUse.size} in use)`);
    }
    return bound;
  }

  /** Closes the ports and gives them back. */
  release(ports: readonly RtpPort[]): void {
    for (const { port, socket } of ports) {
      this.inUse.delete(port);
      try {
        socket.close();
      } catch {
        // already closed
      }
    }
  }

  private open(port: number): Promise<Socket | undefined> {
    const socket = createSocket({ type: isIPv6(this.host) ? 'udp6' : 'udp4' });
    return new Promise((resolve) => {
      socket.once('error', () => {
        socket.close();
        resolve(undefined);
      });
      socket.bind(port, this.host, () => {
        socket.removeAllListeners('error');
        resolve(socket);
      });
    });
  }
}
