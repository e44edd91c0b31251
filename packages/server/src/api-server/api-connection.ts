import type { Socket } from 'node:net';
import { apiResult, buildResult, parseRequest, type ApiDispatcher, type ApiReply, type ApiSession } from '@callwire/core';
import type { Logger } from 'pino';
import { DocumentFramer, type Frame } from './document-framer.js';

export interface ApiConnectionOptions {
  readonly maxMessageBytes: number;
  /** 0 = never time out. */
  readonly idleTimeoutMs: number;
}

/** Requests waiting for their turn before the connection stops reading. */
const MAX_QUEUED = 256;

/**
 * One client of the XML API. Requests are answered strictly in the order they
 * arrived, one at a time (a CALLSTOP pipelined behind its CALLSTART sees the
 * call), each reply ended by CRLF. Replies produced from one read are written
 * together. A client that does not read its replies is not read either.
 */
export class ApiConnection {
  readonly session: ApiSession;
  private readonly framer: DocumentFramer;
  private readonly queue: Frame[] = [];
  private busy = false;

  constructor(
    private readonly socket: Socket,
    id: string,
    private readonly dispatcher: ApiDispatcher,
    private readonly log: Logger,
    options: ApiConnectionOptions,
  ) {
    this.session = { id, transport: 'tcp', remoteAddress: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}` };
    this.framer = new DocumentFramer(options.maxMessageBytes);
    socket.setNoDelay(true);
    if (options.idleTimeoutMs > 0) socket.setTimeout(options.idleTimeoutMs, () => this.idle(options.idleTimeoutMs));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('drain', () => this.resumeIfReady());
    socket.on('error', (err) => this.log.debug({ err, session: id }, 'connection error'));
  }

  private receive(chunk: Buffer): void {
    for (const frame of this.framer.push(chunk)) this.queue.push(frame);
    if (this.queue.length >= MAX_QUEUED) this.socket.pause();
    if (!this.busy && this.queue.length > 0) void this.drain();
  }

  private async drain(): Promise<void> {
    this.busy = true;
    let out = '';
    while (this.queue.length > 0) {
      const frame = this.queue.shift()!;
      out += render(await this.answer(frame));
    }
    this.busy = false;
    if (!this.socket.destroyed && !this.socket.write(out)) this.socket.pause();
    else this.resumeIfReady();
  }

  private answer(frame: Frame): Promise<ApiReply> | ApiReply {
    if ('error' in frame) return { requestType: '', requestId: undefined, result: apiResult('API_INVALID_MESSAGE_FORMAT', frame.error) };
    return this.dispatcher.dispatch(parseRequest(frame.document), this.session);
  }

  private resumeIfReady(): void {
    if (this.socket.isPaused() && this.queue.length < MAX_QUEUED && !this.socket.writableNeedDrain) this.socket.resume();
  }

  private idle(ms: number): void {
    this.log.debug({ session: this.session.id }, `closing connection idle for ${ms / 1000} s`);
    this.socket.end();
  }
}

/** The bytes of one reply on the wire. */
export function render(reply: ApiReply): string {
  return `${buildResult(reply.requestType, reply.requestId, reply.result)}\r\n`;
}
