import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { apiResult, type ApiDispatcher, type ApiResult, type EventBus } from '@callwire/core';
import type { Logger } from 'pino';
import { AddressAllowList } from './address-allow-list.js';
import { ApiConnection } from './api-connection.js';
import { RefusalLog } from './refusal-log.js';
import { render } from './reply-pieces.js';

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
  /**
   * A client with more than this many bytes of replies (and events) it has
   * not read is not answered further, nor read, until it reads them down;
   * default 4 MiB.
   */
  readonly maxReplyBacklogBytes?: number;
  /**
   * A client held over `maxReplyBacklogBytes` that takes none of it for this
   * long is dropped; 0 = never; default 60.
   */
  readonly replyStallSeconds?: number;
  /** Refused connections are logged once per address per this long (with a count); default one minute. */
  readonly refusalLogIntervalMs?: number;
}

/** `maxEventBacklogBytes` when the options leave it out. */
export const DEFAULT_MAX_EVENT_BACKLOG_BYTES = 1024 * 1024;
/** `maxReplyBacklogBytes` when the options leave it out. */
export const DEFAULT_MAX_REPLY_BACKLOG_BYTES = 4 * 1024 * 1024;
/** `replyStallSeconds` when the options leave it out. */
export const DEFAULT_REPLY_STALL_SECONDS = 60;
/** How long a clean stop waits for clients to take what was written to them. */
const CLOSE_GRACE_MS = 2000;

/** How long a refused client's one reply may take to leave before its socket is closed regardless. */
const REFUSAL_FLUSH_MS = 2000;

/**
 * The XML API and event proxy on port 5620: accepts clients up to the
 * configured limit and gives each its own ApiConnection. Nothing one client
 * sends reaches another. Given the EventBus, each connection can carry an
 * event stream (EVENTS); without it, EVENTS is answered
 * API_COMMAND_NOT_ALLOWED.
 *
 * A client the server will not serve (its address is not in `server.allow`:
 * 44; one over `maxClients`: 48) is answered once and its socket closed at
 * once, whatever it does; refusals are logged once per address per minute,
 * with a count (RefusalLog). Clients may half-close (shut down their sending
 * side after their last request): sockets are half-open, and each connection
 * ends itself once it has answered everything.
 */
export class ApiServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private nextId = 1;
  private readonly allowList: AddressAllowList | undefined;
  private readonly refusals: RefusalLog;

  constructor(
    private readonly options: ApiServerOptions,
    private readonly dispatcher: ApiDispatcher,
    private readonly log: Logger,
    private readonly bus?: EventBus,
  ) {
    this.allowList = options.allow ? new AddressAllowList(options.allow) : undefined;
    this.refusals = new RefusalLog(log, { intervalMs: options.refusalLogIntervalMs });
    this.server = createServer({ noDelay: true, allowHalfOpen: true }, (socket) => this.accept(socket));
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

  /**
   * Stops accepting and closes every client, resolves when all are gone. What
   * was already written (the last replies, the events of the calls ended at
   * stop) is sent first; a client that does not take it within `graceMs` is
   * cut off.
   */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.end();
    const cutOff = setTimeout(() => this.sockets.forEach((socket) => socket.destroy()), graceMs);
    await closed;
    clearTimeout(cutOff);
    this.refusals.close();
  }

  private accept(socket: Socket): void {
    if (this.allowList && !this.allowList.allows(socket.remoteAddress)) {
      this.refusals.refused(socket.remoteAddress, 'address not in server.allow');
      return refuse(socket, apiResult('API_COMMAND_NOT_ALLOWED', `address ${socket.remoteAddress} is not in server.allow`));
    }
    if (this.sockets.size >= this.options.maxClients) {
      this.refusals.refused(socket.remoteAddress, `too many clients (limit ${this.options.maxClients})`, { limit: this.options.maxClients });
      return refuse(socket, apiResult('API_TOO_MANY_CLIENTS', `the server accepts at most ${this.options.maxClients} clients`));
    }
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    new ApiConnection(socket, `tcp-${this.nextId++}`, this.dispatcher, this.log, {
      maxMessageBytes: this.options.maxMessageBytes,
      idleTimeoutMs: this.options.idleTimeoutSeconds * 1000,
      maxReplyBacklogBytes: this.options.maxReplyBacklogBytes ?? DEFAULT_MAX_REPLY_BACKLOG_BYTES,
      replyStallTimeoutMs: (this.options.replyStallSeconds ?? DEFAULT_REPLY_STALL_SECONDS) * 1000,
      events: this.bus && { bus: this.bus, maxBacklogBytes: this.options.maxEventBacklogBytes ?? DEFAULT_MAX_EVENT_BACKLOG_BYTES },
    });
  }
}

/**
 * Answers once, then closes at once: for clients the server will not serve.
 * What the client sends meanwhile is read and dropped (so closing does not
 * reset the connection before the answer is read); the socket is closed as
 * soon as the answer has left, or after REFUSAL_FLUSH_MS regardless.
 */
function refuse(socket: Socket, result: ApiResult): void {
  socket.on('error', () => socket.destroy());
  socket.resume();
  socket.end(render({ requestType: '', requestId: undefined, result }), () => socket.destroy());
  const timer = setTimeout(() => socket.destroy(), REFUSAL_FLUSH_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
