import type { Socket } from 'node:net';
import {
  apiResult, buildResult, parseRequest,
  type ApiDispatcher, type ApiReply, type ApiSession, type CallcopyEvent, type EventBus, type EventFilter, type SessionEventChannel,
} from '@callwire/core';
import type { Logger } from 'pino';
import { EventStream, type EventSink } from '../events/event-stream.js';
import { DocumentFramer, type Frame } from './document-framer.js';

export interface ApiConnectionOptions {
  readonly maxMessageBytes: number;
  /** 0 = never time out. */
  readonly idleTimeoutMs: number;
  /** The event proxy. Absent: the session has no event channel and EVENTS is refused. */
  readonly events?: { readonly bus: EventBus; readonly maxBacklogBytes: number };
}

/** Requests waiting for their turn before the connection stops reading. */
const MAX_QUEUED = 256;

/**
 * One client of the XML API, and its event proxy. Requests are answered
 * strictly in the order they arrived, one at a time (a CALLSTOP pipelined
 * behind its CALLSTART sees the call), each reply ended by CRLF. Replies
 * produced from one read are written together. A client that does not read
 * its replies is not read either.
 *
 * After EVENTS, CALLCOPYEVENT documents share the socket with replies: the
 * snapshot and events start right after the EVENTS reply, and from then on
 * everything goes out in the order it happened, so an event published while a
 * later request is being answered follows the replies answered before it.
 */
export class ApiConnection implements SessionEventChannel {
  readonly session: ApiSession;
  private readonly framer: DocumentFramer;
  private readonly queue: Frame[] = [];
  private busy = false;
  /** Replies answered but not yet written. */
  private replies = '';
  private stream: EventStream | undefined;
  /** Events of a stream whose EVENTS reply is not queued yet; they must not overtake it. */
  private held: { text: string; flushed?: () => void }[] | undefined;
  private heldBytes = 0;

  constructor(
    private readonly socket: Socket,
    id: string,
    private readonly dispatcher: ApiDispatcher,
    private readonly log: Logger,
    private readonly options: ApiConnectionOptions,
  ) {
    const remoteAddress = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    this.session = options.events ? { id, transport: 'tcp', remoteAddress, events: this } : { id, transport: 'tcp', remoteAddress };
    this.framer = new DocumentFramer(options.maxMessageBytes);
    socket.setNoDelay(true);
    if (options.idleTimeoutMs > 0) socket.setTimeout(options.idleTimeoutMs, () => this.idle(options.idleTimeoutMs));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('drain', () => this.resumeIfReady());
    socket.on('error', (err) => this.log.debug({ err, session: id }, 'connection error'));
    socket.once('close', () => this.stream?.stop());
  }

  get monitoring(): boolean {
    return this.stream !== undefined;
  }

  monitor(filter: EventFilter, xref: number, snapshot: readonly CallcopyEvent[]): void {
    const proxy = this.options.events;
    if (!proxy) throw new Error(`${this.session.id} has no event proxy`);
    // A monitoring client may rightly send nothing for hours; it is listening.
    this.socket.setTimeout(0);
    this.held = [];
    this.stream = new EventStream({
      bus: proxy.bus,
      sink: this.eventSink(),
      render: (event, id) => event.xml(id),
      filter,
      xref,
      maxBacklogBytes: proxy.maxBacklogBytes,
      log: this.log.child({ session: this.session.id, remote: this.session.remoteAddress }),
    });
    this.stream.start(snapshot);
    // The client may have gone while EVENTS waited its turn, after 'close' found no stream to stop.
    if (this.socket.destroyed) this.stream.stop();
  }

  private eventSink(): EventSink {
    return {
      backlogBytes: () => this.socket.writableLength + this.heldBytes + this.replies.length,
      send: (text, flushed) => {
        if (!this.held) return this.write(text, flushed);
        this.held.push({ text, flushed });
        this.heldBytes += text.length;
      },
      drop: () => this.socket.destroy(),
    };
  }

  private receive(chunk: Buffer): void {
    for (const frame of this.framer.push(chunk)) this.queue.push(frame);
    if (this.queue.length >= MAX_QUEUED) this.socket.pause();
    if (!this.busy && this.queue.length > 0) void this.drain();
  }

  private async drain(): Promise<void> {
    this.busy = true;
    while (this.queue.length > 0) {
      const frame = this.queue.shift()!;
      // Not `this.replies += render(await …)`: that would read `replies` before the await, and an event
      // written meanwhile would flush them, so they would be written twice.
      const answer = this.answer(frame);
      const reply = render(answer instanceof Promise ? await answer : answer);
      this.replies += reply;
      // Only one request is answered at a time, so a stream that is held was started by this reply.
      if (this.held) this.release();
    }
    this.busy = false;
    this.write(''); // the replies still unwritten
    if (!this.socket.destroyed && this.socket.writableNeedDrain) this.socket.pause();
    else this.resumeIfReady();
  }

  /** The EVENTS reply is queued: its snapshot and the events held since may follow. */
  private release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    this.heldBytes = 0;
    for (const { text, flushed } of held) this.write(text, flushed);
  }

  /** Writes `text` after the replies answered before it. */
  private write(text: string, flushed?: () => void): void {
    if (this.socket.destroyed) return;
    const out = this.replies + text;
    this.replies = '';
    if (out !== '') this.socket.write(out, flushed);
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
