import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { apiResult, type ApiDispatcher, type ApiResult, type EventBus } from '@callwire/core';
import type { Logger } from 'pino';
import { AddressAllowList } from './address-allow-list.js';
import { ApiConnection, render } from './api-connection.js';

export interface ApiServerOptions {
  readonly host: string;
  readonly port: number;
  readonly maxClients: number;
  readonly maxMessageBytes: number;
  readonly idleTimeoutSeconds: number;
  /** `server.allow`; absent = every address may connect. */
  readonly allow?: readonly string[];
  /**
   * An event subscriber with more than this many bytes of events waiting to be
   * sent (it stopped reading) is dropped; default 1 MiB.
   */
  readonly maxEventBacklogBytes?: number;
}

/** `maxEventBacklogBytes` when the options leave it out. */
export const DEFAULT_MAX_EVENT_BACKLOG_BYTES = 1024 * 1024;

/**
 * The XML API and event proxy on port 5620: accepts clients up to the
 * configured limit (the next one is answered API_TOO_MANY_CLIENTS and closed)
 * and gives each its own ApiConnection. Nothing one client sends reaches
 * another. Given the EventBus, each connection can carry an event stream
 * (EVENTS); without it, EVENTS is answered API_COMMAND_NOT_ALLOWED.
 */
export class ApiServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private nextId = 1;
  private readonly allowList: AddressAllowList | undefined;

  constructor(
    private readonly options: ApiServerOptions,
    private readonly dispatcher: ApiDispatcher,
    private readonly log: Logger,
    private readonly bus?: EventBus,
  ) {
    this.allowList = options.allow ? new AddressAllowList(options.allow) : undefined;
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
    this.server.on('error', (err) => this.log.error({ err }, 'API server error'));
  }

  /** Starts listening; resolves with the bound address (port 0 picks a free one). */
  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  get clientCount(): number {
    return this.sockets.size;
  }

  /** Stops accepting, closes every client, resolves when all are gone. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private accept(socket: Socket): void {
    if (this.allowList && !this.allowList.allows(socket.remoteAddress)) {
      this.log.warn({ remote: socket.remoteAddress }, 'refusing API client: address not in server.allow');
      return refuse(socket, apiResult('API_COMMAND_NOT_ALLOWED', `address ${socket.remoteAddress} is not in server.allow`));
    }
    if (this.sockets.size >= this.options.maxClients) {
      this.log.warn({ remote: socket.remoteAddress, limit: this.options.maxClients }, 'refusing API client: too many clients');
      return refuse(socket, apiResult('API_TOO_MANY_CLIENTS', `the server accepts at most ${this.options.maxClients} clients`));
    }
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    new ApiConnection(socket, `tcp-${this.nextId++}`, this.dispatcher, this.log, {
      maxMessageBytes: this.options.maxMessageBytes,
      idleTimeoutMs: this.options.idleTimeoutSeconds * 1000,
      events: this.bus && { bus: this.bus, maxBacklogBytes: this.options.maxEventBacklogBytes ?? DEFAULT_MAX_EVENT_BACKLOG_BYTES },
    });
  }
}

/** Answers once, then closes: for clients the server will not serve. */
function refuse(socket: Socket, result: ApiResult): void {
  socket.on('error', () => socket.destroy());
  socket.end(render({ requestType: '', requestId: undefined, result }));
}
