import type { Socket } from 'node:net';
import {
  apiResult, parseRequest,
  controlXml, type ApiDispatcher, type ApiReply, type ApiSession, type EventBus, type EventSubscriptionRequest, type SessionEventChannel,
} from '@callwire/core';
import type { Logger } from 'pino';
import { EventStream, type EventSink } from '../events/event-stream.js';
import { DocumentFramer, type Frame } from './document-framer.js';
import { crlfSafeMessage, fitsOnePiece, render, replyPieces } from './reply-pieces.js';
import { nextTurn, ReplyWriter } from './reply-writer.js';

export { render } from './reply-pieces.js';

export interface ApiConnectionOptions {
  readonly maxMessageBytes: number;
  /** 0 = never time out. */
  readonly idleTimeoutMs: number;
  /**
   * Replies and events not yet taken by the client (bytes in the socket's
   * buffer plus text answered and not yet written) above which its next
   * requests wait and its socket is not read.
   */
  readonly maxReplyBacklogBytes: number;
  /** A client held over that backlog this long without reading it down is dropped; 0 = never. */
  readonly replyStallTimeoutMs: number;
  /** The event proxy. Absent: the session has no event channel and EVENTS is refused. */
  readonly events?: { readonly bus: EventBus; readonly maxBacklogBytes: number };
}

/** Requests waiting for their turn before the connection stops reading. */
const MAX_QUEUED = 256;
/** Characters of requests waiting for their turn before the connection stops reading. */
const MAX_QUEUED_CHARS = 256 * 1024;
/**
 * One turn of answering a pipelining client ends after this much output or
 * this long, and the event loop serves the others before the next turn.
 */
const TURN_CHARS = 256 * 1024;
const TURN_MS = 4;

/**
 * One client of the XML API, and its event proxy. Requests are answered
 * strictly in the order they arrived, one at a time (a CALLSTOP pipelined
 * behind its CALLSTART sees the call), each reply ended by CRLF (and holding
 * no other: a CR in a value is written `&#13;`, see crlfSafe).
 *
 * A client costs bounded memory and time whatever it does:
 * - requests waiting for their turn are bounded (count and size): past that
 *   the socket is not read until they are answered;
 * - a client that does not read its replies is not answered further, nor
 *   read, once `maxReplyBacklogBytes` wait for it; after `replyStallTimeoutMs`
 *   in that state without taking a single write, it is dropped;
 * - a large reply is built and written a piece at a time (replyPieces), and
 *   a pipelining client is answered in turns, so no client holds the event
 *   loop for long.
 *
 * A client may shut down its sending side after its last request (as `socat`
 * does): every request received is answered, then the server ends the
 * connection (for an event subscriber, that ends its subscription).
 *
 * After EVENTS, CALLCOPYEVENT documents share the socket with replies: the
 * snapshot and events start right after the EVENTS reply, and from then on
 * everything goes out in the order it happened, so an event published while a
 * later request is being answered follows the replies answered before it (an
 * event published while a large reply is being written waits for its end).
 */
export class ApiConnection implements SessionEventChannel {
  readonly session: ApiSession;
  private readonly framer: DocumentFramer;
  private readonly queue: Frame[] = [];
  private queuedChars = 0;
  /** The requests are being answered (the loop in `pump`). */
  private busy = false;
  /** Replies and events on their way out, with the client's backlog. */
  private readonly writer: ReplyWriter;
  private stream: EventStream | undefined;
  /** The EVENTS reply is not queued yet: events must not overtake it. */
  private awaitingEventsReply = false;
  /** A reply is being written in pieces: events wait for its end. */
  private streaming = false;
  /** Events waiting for one of those. */
  private held: { text: string; flushed?: () => void }[] = [];
  private heldBytes = 0;
  /** The client has shut down its sending side. */
  private inputEnded = false;
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
    this.writer = new ReplyWriter(socket, log, {
      maxBacklogBytes: options.maxReplyBacklogBytes,
      stallTimeoutMs: options.replyStallTimeoutMs,
      session: this.session,
      onRoom: () => {
        if (!this.busy) this.resumeIfReady();
      },
    });
    socket.setNoDelay(true);
    if (options.idleTimeoutMs > 0) socket.setTimeout(options.idleTimeoutMs, () => this.idle(options.idleTimeoutMs));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('end', () => this.inputEnd());
    socket.on('error', (err) => this.log.debug({ err, session: id }, 'connection error'));
    socket.once('close', () => this.closed());
  }

  get monitoring(): boolean {
    return this.stream !== undefined;
  }

  monitor({ filter, xref, ...opening }: EventSubscriptionRequest): void {
    const proxy = this.options.events;
    if (!proxy) throw new Error(`${this.session.id} has no event proxy`);
    // A monitoring client may rightly send nothing for hours; it is listening.
    this.socket.setTimeout(0);
    this.awaitingEventsReply = true;
    this.stream = new EventStream({
      bus: proxy.bus,
      sink: this.eventSink(),
      render: (event, id) => crlfSafeMessage(event.xml(id)),
      renderControl: (message) => controlXml(message),
      filter,
      xref,
      maxBacklogBytes: proxy.maxBacklogBytes,
      log: this.log.child({ session: this.session.id, remote: this.session.remoteAddress }),
    });
    this.stream.start(opening);
    // The client may have gone while EVENTS waited its turn, after 'close' found no stream to stop.
    if (this.socket.destroyed) this.stream.stop();
  }

  private eventSink(): EventSink {
    return {
      backlogBytes: () => this.writer.backlog() + this.heldBytes,
      send: (text, flushed) => {
        if (this.awaitingEventsReply || this.streaming) {
          this.held.push({ text, flushed });
          this.heldBytes += text.length;
          return;
        }
        this.writer.append(text, flushed);
        this.writer.flush();
      },
      drop: () => this.socket.destroy(),
    };
  }

  private receive(chunk: Buffer): void {
    for (const frame of this.framer.push(chunk)) this.enqueue(frame);
    if (this.queue.length >= MAX_QUEUED || this.queuedChars >= MAX_QUEUED_CHARS) this.socket.pause();
    if (!this.busy) void this.pump();
  }

  /** The client shut down its sending side: what it sent is answered, then the connection is ended. */
  private inputEnd(): void {
    this.inputEnded = true;
    for (const frame of this.framer.end()) this.enqueue(frame);
    if (!this.busy) void this.pump();
  }

  private enqueue(frame: Frame): void {
    this.queue.push(frame);
    this.queuedChars += 'document' in frame ? frame.document.length : 0;
  }

  /** Answers the queued requests in order, in turns, while the client reads its replies. */
  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      let turnStarted = performance.now();
      let turnChars = 0;
      while (this.queue.length > 0 && !this.socket.destroyed) {
        if (this.writer.overBacklog()) {
          this.writer.flush();
          if (this.writer.overBacklog()) await this.writer.room();
          continue;
        }
        const frame = this.queue.shift()!;
        this.queuedChars -= 'document' in frame ? frame.document.length : 0;
        const answer = this.answer(frame);
        let reply: ApiReply;
        if (answer instanceof Promise) {
          // the replies answered so far go out while this one is worked on
          this.writer.flush();
          reply = await answer;
        } else {
          reply = answer;
        }
        if (this.socket.destroyed) break;
        const written = this.emit(reply);
        turnChars += typeof written === 'number' ? written : await written;
        if (this.awaitingEventsReply) {
          // only one request is answered at a time, so a stream held for its reply was started by this one
          this.awaitingEventsReply = false;
          this.releaseHeld();
        }
        if (turnChars >= TURN_CHARS || performance.now() - turnStarted >= TURN_MS) {
          this.writer.flush();
          this.resumeIfReady();
          await nextTurn();
          turnStarted = performance.now();
          turnChars = 0;
        }
      }
      this.writer.flush();
    } catch (err) {
      this.log.error({ err, session: this.session.id }, 'API connection failed; closing it');
      this.socket.destroy();
    } finally {
      this.busy = false;
    }
    if (this.socket.destroyed) return;
    if (this.queue.length > 0) {
      void this.pump();
    } else if (this.inputEnded) {
      this.endWhenWritten();
    } else {
      this.resumeIfReady();
    }
  }

  /** Queues one reply after those answered before it; returns its length, or a promise of it when written in pieces. */
  private emit(reply: ApiReply): number | Promise<number> {
    if (fitsOnePiece(reply)) {
      const text = render(reply);
      this.writer.append(text);
      return text.length;
    }
    return this.emitPieces(replyPieces(reply));
  }

  /**
   * A large reply: each piece is built when the one before is queued and the
   * client's backlog has room, with the event loop free in between.
   */
  private async emitPieces(pieces: Iterator<string, void, undefined>): Promise<number> {
    let chars = 0;
    this.streaming = true;
    try {
      for (let piece = pieces.next(); !piece.done; piece = pieces.next()) {
        this.writer.append(piece.value);
        chars += piece.value.length;
        this.writer.flush();
        if (this.writer.overBacklog()) await this.writer.room();
        else await nextTurn();
        if (this.socket.destroyed) return chars;
      }
    } finally {
      this.streaming = false;
    }
    if (!this.awaitingEventsReply) this.releaseHeld();
    return chars;
  }

  /** Events held for a reply, now that it is queued. */
  private releaseHeld(): void {
    if (this.held.length === 0) return;
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    for (const { text, flushed } of held) this.writer.append(text, flushed);
    this.writer.flush();
  }

  private answer(frame: Frame): Promise<ApiReply> | ApiReply {
    if ('error' in frame) return { requestType: '', requestId: undefined, result: apiResult('API_INVALID_MESSAGE_FORMAT', frame.error) };
    try {
      return this.dispatcher.dispatch(parseRequest(frame.document), this.session);
    } catch (err) {
      this.log.error({ err, session: this.session.id }, 'request failed');
      return { requestType: '', requestId: undefined, result: apiResult('API_ERROR_PROCESSING_MESSAGE', 'the request failed on the server; the server log has the details') };
    }
  }

  private resumeIfReady(): void {
    if (
      this.socket.isPaused() && !this.inputEnded && !this.socket.destroyed &&
      this.queue.length < MAX_QUEUED && this.queuedChars < MAX_QUEUED_CHARS && !this.writer.overBacklog()
    ) {
      this.socket.resume();
    }
  }

  private idle(ms: number): void {
    // a request is being answered: the client is waiting on us, not idle
    if (this.busy || this.queue.length > 0) return;
    if (this.writer.ending) {
      this.socket.destroy();
      return;
    }
    this.log.debug({ session: this.session.id }, `closing connection idle for ${ms / 1000} s`);
    this.endWhenWritten();
  }

  /** Ends the connection once its answers are written; an event subscriber's subscription ends with it. */
  private endWhenWritten(): void {
    this.stream?.stop();
    this.writer.endWhenWritten();
  }

  private closed(): void {
    this.stream?.stop();
    this.queue.length = 0;
    this.queuedChars = 0;
    this.held = [];
    this.heldBytes = 0;
  }
}
