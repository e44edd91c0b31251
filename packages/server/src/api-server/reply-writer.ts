import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { PIECE_CHARS } from './reply-pieces.js';

/** About how much text goes into one write to the socket. */
const WRITE_CHARS = PIECE_CHARS;
/** After the server ends a connection, how long the client has to take the rest and close its side. */
const CLOSE_GRACE_MS = 10_000;

export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface ReplyWriterOptions {
  /** Bytes not yet taken by the client above which it is held (not answered further, not read). */
  readonly maxBacklogBytes: number;
  /** A client held that long without taking a write is dropped; 0 = never. */
  readonly stallTimeoutMs: number;
  /** For log lines. */
  readonly session: { readonly id: string; readonly remoteAddress: string };
  /** The client has read its backlog down: the connection may answer and read it again. */
  readonly onRoom: () => void;
}

/**
 * The outgoing half of one API connection: replies and events, in order,
 * handed to the socket about one write at a time, so that each 'drain' shows
 * the client reading. A client whose backlog passes the limit is held — its
 * socket is not read — and dropped once it takes no write for the stall
 * timeout. Ending the connection waits for what is queued to be written.
 */
export class ReplyWriter {
  private out: { text: string; flushed?: () => void }[] = [];
  private outHead = 0;
  /** Text queued here and not yet handed to the socket. */
  queuedChars = 0;
  /** The server ends the connection once `out` is written. */
  ending = false;
  /** Resumes a waiter of `room()` once the client has read its backlog down (or is gone). */
  private wake: (() => void) | undefined;
  private stallTimer: NodeJS.Timeout | undefined;
  private isBlocked = false;
  /** 'drain' events so far: each one is the client taking a write. */
  private drains = 0;

  constructor(private readonly socket: Socket, private readonly log: Logger, private readonly options: ReplyWriterOptions) {
    socket.on('drain', () => this.drained());
    socket.once('close', () => this.closed());
  }

  append(text: string, flushed?: () => void): void {
    if (this.socket.destroyed) return;
    this.out.push({ text, flushed });
    this.queuedChars += text.length;
    if (this.queuedChars >= WRITE_CHARS) this.flush();
  }

  /**
   * Hands what is queued to the socket, about WRITE_CHARS per write, as long
   * as the socket takes it (until a write waits for 'drain'); ends the
   * connection after the last when the server is ending it.
   */
  flush(): void {
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
      this.queuedChars -= text.length;
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
    if (this.ending && this.queuedChars === 0 && !socket.writableEnded) socket.end();
  }

  /** Replies and events the client has not taken: in the socket's buffer and queued here. */
  backlog(): number {
    return this.socket.writableLength + this.queuedChars;
  }

  overBacklog(): boolean {
    return this.backlog() >= this.options.maxBacklogBytes;
  }

  /** Waits until the client has read its backlog down (or is gone). */
  room(): Promise<void> {
    this.blocked();
    if (!this.socket.writableNeedDrain || this.socket.destroyed) return nextTurn();
    return new Promise((resolve) => (this.wake = resolve));
  }

  /**
   * Ends the connection once everything queued is written. A client that
   * then neither reads what is left nor closes its side is let go after a
   * while without progress.
   */
  endWhenWritten(): void {
    if (this.ending) return;
    this.ending = true;
    this.flush();
    let drains = this.drains;
    const timer = setInterval(() => {
      if (this.backlog() > 0 && this.drains !== drains) {
        drains = this.drains;
        return;
      }
      this.socket.destroy();
    }, Math.max(CLOSE_GRACE_MS, this.options.stallTimeoutMs));
    timer.unref();
    this.socket.once('close', () => clearInterval(timer));
  }

  /** The client is not reading its replies: stop reading it, and start counting how long it stays so. */
  private blocked(): void {
    this.socket.pause();
    if (!this.isBlocked) {
      this.isBlocked = true;
      this.log.debug(
        { session: this.options.session.id, remote: this.options.session.remoteAddress, backlogBytes: this.backlog(), limit: this.options.maxBacklogBytes },
        'API client is not reading its replies: its next requests wait, and it is not read, until it does',
      );
    }
    const ms = this.options.stallTimeoutMs;
    if (ms > 0 && this.stallTimer === undefined) {
      this.stallTimer = setTimeout(() => this.stalled(ms), ms);
      this.stallTimer.unref();
    }
  }

  /** The client took a write: the next goes out; it is answered again once the backlog is under the limit. */
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
      this.log.debug({ session: this.options.session.id }, 'API client has read its replies down: answering it again');
    }
    this.wakeWaiter();
    this.options.onRoom();
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
      const waiting = this.backlog();
      this.log.warn(
        { session: this.options.session.id, remote: this.options.session.remoteAddress, backlogBytes: waiting },
        `dropping API client: it has read none of its replies for ${ms / 1000} s (${waiting} bytes waiting)`,
      );
      this.socket.destroy();
    });
  }

  private wakeWaiter(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private closed(): void {
    clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
    this.out = [];
    this.outHead = 0;
    this.queuedChars = 0;
    this.wakeWaiter();
  }
}
