import {
  systemTimers, type ControlMessage, type EventBus, type EventFilter, type EventSubscriptionRequest, type PublishedEvent, type TimerHandle,
} from '@callwire/core';
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

/** Renders a control message (HEARTBEAT, SNAPSHOTEND, REPLAYGONE) in the subscription's form. */
export type ControlRenderer = (message: ControlMessage) => string;

export interface EventStreamOptions {
  readonly bus: EventBus;
  readonly sink: EventSink;
  readonly render: EventRenderer;
  /** Control messages in the subscription's form; sent only when the subscription asked for them. */
  readonly renderControl: ControlRenderer;
  readonly filter: EventFilter;
  /** EVENTXREF: the subscription's id, carried by each event it receives. */
  readonly xref: number;
  /** A subscriber with more than this waiting is dropped. */
  readonly maxBacklogBytes: number;
  /** Bound to the client (session id, remote address), for the one warning a drop logs. */
  readonly log: Logger;
}

/** How a subscription starts: EventSubscriptionRequest without what the stream already has. */
export type StreamOpening = Pick<EventSubscriptionRequest, 'snapshot' | 'since' | 'control'>;

/**
 * One subscriber's stream of events from the bus: what it missed (`since`),
 * the snapshot, then every matching event in publish order, with no gap and
 * no duplicate between them (all three are taken in one synchronous step).
 * A subscription that asked for control messages also gets REPLAYGONE,
 * SNAPSHOTEND and a HEARTBEAT every `bus.heartbeatMs`. The bus never waits for a
 * subscriber, so a client that stops reading would make this process buffer
 * without end; instead, once more than `maxBacklogBytes` is waiting, the
 * subscriber is unsubscribed and its connection dropped, and the others keep
 * receiving.
 */
export class EventStream {
  private unsubscribe: (() => void) | undefined;
  private heartbeat: TimerHandle | undefined;
  private dropped = false;
  /**
   * The snapshot is sent in one go and may on its own be larger than the
   * limit (a busy site has many calls in progress); its bytes are allowed on
   * top of the limit until they have been flushed, so a reconnecting client
   * is not dropped for the size of what it asked for.
   */
  private snapshotAllowance = 0;

  constructor(private readonly options: EventStreamOptions) {}

  /** Sends the replay and the snapshot asked for, then subscribes. */
  start(opening: StreamOpening): void {
    const { sink, bus, filter } = this.options;
    const texts = this.opening(opening);
    texts.forEach((text, i) => {
      this.snapshotAllowance += Buffer.byteLength(text);
      sink.send(text, i === texts.length - 1 ? () => (this.snapshotAllowance = 0) : undefined);
    });
    this.unsubscribe = bus.subscribe({ ...filter, deliver: (event) => this.deliver(event) });
    if (opening.control && bus.heartbeatMs > 0) {
      this.heartbeat = systemTimers.setInterval(() => this.sendControl(bus.control('HEARTBEAT')), bus.heartbeatMs);
    }
  }

  /** Unsubscribes; called when the client's connection closes. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    systemTimers.clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** What is sent before the live events: REPLAYGONE and the replay, then the snapshot and SNAPSHOTEND. */
  private opening({ snapshot, since, control }: StreamOpening): string[] {
    const { render, renderControl, xref, bus, filter } = this.options;
    const texts: string[] = [];
    if (since !== undefined) {
      const replay = bus.eventsAfter(since, filter);
      if (replay.gone && control) texts.push(renderControl(bus.control('REPLAYGONE', replay.oldest)));
      for (const event of replay.events) texts.push(render(event, xref));
    }
    if (snapshot) {
      for (const event of snapshot) texts.push(render(bus.snapshotEvent(event), xref));
      if (control) texts.push(renderControl(bus.control('SNAPSHOTEND')));
    }
    return texts;
  }

  private sendControl(message: ControlMessage): void {
    this.sendIfReading(() => this.options.renderControl(message));
  }

  private deliver(event: PublishedEvent): void {
    this.sendIfReading(() => this.options.render(event, this.options.xref));
  }

  /** Sends what `text` renders, unless the subscriber is over its backlog limit (then it is dropped). */
  private sendIfReading(text: () => string): void {
    if (this.dropped) return;
    const { sink, maxBacklogBytes } = this.options;
    const waiting = sink.backlogBytes();
    if (waiting > maxBacklogBytes + this.snapshotAllowance) return this.drop(waiting);
    sink.send(text());
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
