import type { Socket } from 'node:net';
import {
  apiResult, parseRequest,
  type ApiDispatcher, type ApiReply, type ApiSession, type CallcopyEvent, type EventBus, type EventFilter, type SessionEventChannel,
} from '@callwire/core';
import type { Logger } from 'pino';
import { EventStream, type EventSink } from '../events/event-stream.js';
import { DocumentFramer, type Frame } from './document-framer.js';
import { crlfSafeMessage, fitsOnePiece, PIECE_CHARS, render, replyPieces } from './reply-pieces.js';

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
/** About how much text goes into one write to the socket. */
const WRITE_CHARS = PIECE_CHARS;
/** After the server ends a connection, how long the client has to take the rest and close its side. */
const CLOSE_GRACE_MS = 10_000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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
  /**
   * Text answered (replies, events) and not yet handed to the socket, in
   * order. The socket itself is given about one write at a time, so that
   * each 'drain' shows the client reading.
   */
  private out: { text: string; flushed?: () => void }[] = [];
  private outHead = 0;
  private outChars = 0;
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
  /** The server ends the connection once `out` is written. */
  private ending = false;
  /** Resumes `pump` once the client has read its backlog down (or is gone). */
  private wake: (() => void) | undefined;
  private stallTimer: NodeJS.Timeout | undefined;
  /** Over maxReplyBacklogBytes: not answered further, not read. */
  private isBlocked = false;
  /** 'drain' events so far: each one is the client taking a write. */
  private drains = 0;

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
    socket.on('end', () => this.inputEnd());
    socket.on('drain', () => this.drained());
    socket.on('error', (err) => this.log.debug({ err, session: id }, 'connection error'));
    socket.once('close', () => this.closed());
  }

  get monitoring(): boolean {
    return this.stream !== undefined;
  }

  monitor(filter: EventFilter, xref: number, snapshot: readonly CallcopyEvent[]): void {
    const proxy = this.options.events;
    if (!proxy) throw new Error(`${this.session.id} has no event proxy`);
    // A monitoring client may rightly send nothing for hours; it is listening.
    this.socket.setTimeout(0);
    this.awaitingEventsReply = true;
    this.stream = new EventStream({
      bus: proxy.bus,
      sink: this.eventSink(),
      render: (event, id) => crlfSafeMessage(event.xml(id)),
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
      backlogBytes: () => this.socket.writableLength + this.heldBytes + this.outChars,
      send: (text, flushed) => {
        if (this.awaitingEventsReply || this.streaming) {
          this.held.push({ text, flushed });
          this.heldBytes += text.length;
          return;
        }
        this.append(text, flushed);
        this.flush();
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
        if (this.overBacklog()) {
          this.flush();
          if (this.overBacklog()) await this.room();
          continue;
        }
        const frame = this.queue.shift()!;
        this.queuedChars -= 'document' in frame ? frame.document.length : 0;
        const answer = this.answer(frame);
        let reply: ApiReply;
        if (answer instanceof Promise) {
          // the replies answered so far go out while this one is worked on
          this.flush();
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
          this.flush();
          this.resumeIfReady();
          await nextTurn();
          turnStarted = performance.now();
          turnChars = 0;
        }
      }
      this.flush();
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
      this.append(text);
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
        this.append(piece.value);
        chars += piece.value.length;
        this.flush();
        if (this.overBacklog()) await this.room();
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
    for (const { text, flushed } of held) this.append(text, flushed);
    this.flush();
  }

  private append(text: string, flushed?: () => void): void {
    if (this.socket.destroyed) return;
    this.out.push({ text, flushed });
    this.outChars += text.length;
    if (this.outChars >= WRITE_CHARS) this.flush();
  }

  /**
   * Hands what is queued to the socket, about WRITE_CHARS per write, as long
   * as the socket takes it (until a write waits for 'drain'); ends the
   * connection after the last when the server is ending it.
   */
  private flush(): void {
    const socket = this.socket;
    if (socket.destroyed || socket.writableEnded) return;
    while (this.outHead < this.out.length && !socket.writableNeedDrain) {
      let text = '';
      const callbacks: (() => void)[] = [];
      while (this.outHead < this.out.length) {
        const next = this.out[this.outHead]!;
        if (text !== '' && text.length + next.text.length > WRITE_CHARS) break;
        this.outHead++;
        text += next.text;
        if (next.flushed) callbacks.push(next.flushed);
      }
      this.outChars -= text.length;
      socket.write(text, callbacks.length === 0 ? undefined : () => callbacks.forEach((done) => done()));
    }
    if (this.outHead === this.out.length) {
      this.out = [];
      this.outHead = 0;
    } else if (this.outHead >= 1024) {
      this.out = this.out.slice(this.outHead);
      this.outHead = 0;
    }
    if (this.overBacklog()) this.blocked();
    if (this.ending && this.outChars === 0 && !socket.writableEnded) socket.end();
  }

  /** Replies and events the client has not taken: in the socket's buffer and queued here. */
  private backlog(): number {
    return this.socket.writableLength + this.outChars;
  }

  private overBacklog(): boolean {
    return this.backlog() >= this.options.maxReplyBacklogBytes;
  }

  /** Waits until the client has read its backlog down (or is gone). */
  private room(): Promise<void> {
    this.blocked();
    if (!this.socket.writableNeedDrain || this.socket.destroyed) return nextTurn();
    return new Promise((resolve) => (this.wake = resolve));
  }

  /** The client is not reading its replies: stop reading it, and start counting how long it stays so. */
  private blocked(): void {
    this.socket.pause();
    if (!this.isBlocked) {
      this.isBlocked = true;
      this.log.debug(
        { session: this.session.id, remote: this.session.remoteAddress, backlogBytes: this.backlog(), limit: this.options.maxReplyBacklogBytes },
        'API client is not reading its replies: its next requests wait, and it is not read, until it does',
      );
    }
    const ms = this.options.replyStallTimeoutMs;
    if (ms > 0 && this.stallTimer === undefined) {
      this.stallTimer = setTimeout(() => this.stalled(ms), ms);
      this.stallTimer.unref();
    }
  }

  /** The client took a write: the next goes out; requests resume once the backlog is under the limit. */
  private drained(): void {
    this.drains++;
    this.flush();
    if (this.overBacklog()) {
      this.stallTimer?.refresh();
      return;
    }
    clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
    if (this.isBlocked) {
      this.isBlocked = false;
      this.log.debug({ session: this.session.id }, 'API client has read its replies down: answering it again');
    }
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
    if (!this.busy) this.resumeIfReady();
  }

  private stalled(ms: number): void {
    // a loop held up (a loaded machine) runs timers before the I/O that waited: let a pending 'drain' in first
    const timer = this.stallTimer;
    const drains = this.drains;
    setImmediate(() => {
      // the client took a write meanwhile: drained() has re-armed or cleared the timer
      if (this.stallTimer !== timer || this.drains !== drains) return;
      this.stallTimer = undefined;
      if (this.socket.destroyed || !this.overBacklog()) return;
      this.drop(ms);
    });
  }

  private drop(ms: number): void {
    const waiting = this.backlog();
    this.log.warn(
      { session: this.session.id, remote: this.session.remoteAddress, backlogBytes: waiting, queued: this.queue.length },
      `dropping API client: it has read none of its replies for ${ms / 1000} s (${waiting} bytes waiting)`,
    );
    this.socket.destroy();
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
      this.queue.length < MAX_QUEUED && this.queuedChars < MAX_QUEUED_CHARS && !this.overBacklog()
    ) {
      this.socket.resume();
    }
  }

  private idle(ms: number): void {
    // a request is being answered: the client is waiting on us, not idle
    if (this.busy || this.queue.length > 0) return;
    if (this.ending) {
      this.socket.destroy();
      return;
    }
    this.log.debug({ session: this.session.id }, `closing connection idle for ${ms / 1000} s`);
    this.endWhenWritten();
  }

  /**
   * Ends the connection once everything queued is written. A client that
   * then neither reads what is left nor closes its side is let go after a
   * while without progress.
   */
  private endWhenWritten(): void {
    if (this.ending) return;
    this.ending = true;
    // an event subscriber that half-closed is done: its answers go out, then the connection ends
    this.stream?.stop();
    this.flush();
    let drains = this.drains;
    const timer = setInterval(() => {
      if (this.backlog() > 0 && this.drains !== drains) {
        drains = this.drains;
        return;
      }
      this.socket.destroy();
    }, Math.max(CLOSE_GRACE_MS, this.options.replyStallTimeoutMs));
    timer.unref();
    this.socket.once('close', () => clearInterval(timer));
  }

  private closed(): void {
    this.stream?.stop();
    clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
    this.queue.length = 0;
    this.queuedChars = 0;
    this.out = [];
    this.outHead = 0;
    this.outChars = 0;
    this.held = [];
    this.heldBytes = 0;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
