import { PublishedEvent, type CallcopyEvent, type EventBus, type EventFilter } from '@callwire/core';
import type { Logger } from 'pino';

/** Where one subscription's events go: a TCP connection or a WebSocket. */
export interface EventSink {
  /** Bytes this process has queued for the client and not yet handed to the kernel. */
  backlogBytes(): number;
  /** Queues one rendered event; `flushed` runs once it has left this process. */
  send(text: string, flushed?: () => void): void;
  /** Ends the connection of a subscriber that cannot keep up (the stream has logged why). */
  drop(): void;
}

/** Renders one event for one subscription (CALLCOPYEVENT XML, or JSON on request). */
export type EventRenderer = (event: PublishedEvent, xref: number) => string;

export interface EventStreamOptions {
  readonly bus: EventBus;
  readonly sink: EventSink;
  readonly render: EventRenderer;
  readonly filter: EventFilter;
  /** EVENTXREF: the subscription's id, carried by each event it receives. */
  readonly xref: number;
  /** A subscriber with more than this waiting is dropped. */
  readonly maxBacklogBytes: number;
  /** Bound to the client (session id, remote address), for the one warning a drop logs. */
  readonly log: Logger;
}

/**
 * One subscriber's stream of events from the bus: the snapshot first, then
 * every matching event in publish order. The bus never waits for a
 * subscriber, so a client that stops reading would make this process buffer
 * without end; instead, once more than `maxBacklogBytes` is waiting, the
 * subscriber is unsubscribed and its connection dropped, and the others keep
 * receiving.
 */
export class EventStream {
  private unsubscribe: (() => void) | undefined;
  private dropped = false;
  /**
   * The snapshot is sent in one go and may on its own be larger than the
   * limit (a busy site has many calls in progress); its bytes are allowed on
   * top of the limit until they have been flushed, so a reconnecting client
   * is not dropped for the size of what it asked for.
   */
  private snapshotAllowance = 0;

  constructor(private readonly options: EventStreamOptions) {}

  /** Sends `snapshot`, then subscribes. */
  start(snapshot: readonly CallcopyEvent[]): void {
    const { sink, render, xref, bus, filter } = this.options;
    const texts = snapshot.map((event) => render(new PublishedEvent(event), xref));
    texts.forEach((text, i) => {
      this.snapshotAllowance += Buffer.byteLength(text);
      sink.send(text, i === texts.length - 1 ? () => (this.snapshotAllowance = 0) : undefined);
    });
    this.unsubscribe = bus.subscribe({ ...filter, deliver: (event) => this.deliver(event) });
  }

  /** Unsubscribes; called when the client's connection closes. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private deliver(event: PublishedEvent): void {
    if (this.dropped) return;
    const { sink, maxBacklogBytes } = this.options;
    const waiting = sink.backlogBytes();
    if (waiting > maxBacklogBytes + this.snapshotAllowance) return this.drop(waiting);
    sink.send(this.options.render(event, this.options.xref));
  }

  private drop(waiting: number): void {
    this.dropped = true;
    this.stop();
    const limit = this.options.maxBacklogBytes;
    this.options.log.warn(
      { backlogBytes: waiting, maxBacklogBytes: limit, xref: this.options.xref },
      `dropping event subscriber: it is not reading its events (${waiting} bytes waiting, limit ${limit})`,
    );
    this.options.sink.drop();
  }
}
