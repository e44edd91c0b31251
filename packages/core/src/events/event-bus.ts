import { systemClock, type Clock } from '../clock.js';
import { ApiTimeFormat } from '../protocol/api-time.js';
import { EVENT_CLASS, type CallcopyEvent, type EventClass } from './callcopy-event.js';
import type { ControlMessage, ControlType } from './event-control.js';
import { EventReplayBuffer } from './event-replay.js';
import { PublishedEvent, type EventTimes } from './published-event.js';

/** The event contract's settings (config `events`) and what the bus stamps events with. */
export interface EventBusOptions {
  /** The deployment's times (config `timezone`); default the system zone. */
  readonly time?: EventTimes;
  /** TIME of control messages; default the system clock. */
  readonly clock?: Clock;
  /** Events held for `since` (config `events.replayBuffer`); default 10000. */
  readonly replayBuffer?: number;
  /** A HEARTBEAT this often to subscriptions that get control messages (config `events.heartbeatSeconds`); 0 = none; default 30. */
  readonly heartbeatSeconds?: number;
  /**
   * The seq before the first event. Default: the start time in ms × 1000, so
   * every run's seqs are above the last run's (at under a million events a
   * second) and a SEQ a client kept from before a restart reads as gone,
   * never as a place in this run. Safe integers until the year 2255.
   */
  readonly firstSeq?: number;
}

/** What a subscription resuming after `since` is sent before the live events. */
export interface BusReplay {
  readonly gone: boolean;
  readonly oldest: number;
  readonly events: readonly PublishedEvent[];
}

/** What a subscriber asked for: EVENTCLASS and the optional EVENTVALUE list of DEVICEIDs. */
export interface EventFilter {
  readonly eventClass: EventClass | 'ALL';
  /** Only these DEVICEIDs; undefined = every device. */
  readonly deviceIds?: ReadonlySet<string>;
}

/** A subscription: its filter and where matching events go. */
export interface EventSubscriber extends EventFilter {
  /** Called synchronously for each matching event; must not throw and must not block. */
  deliver(event: PublishedEvent): void;
}

/**
 * The one place events are published. Every transport (TCP event proxy,
 * WebSocket, monitor page) and any plugin subscribes here. Publishing is
 * synchronous and in order; a subscriber that cannot keep up is the
 * transport's to drop, never the bus's to wait for.
 */
export class EventBus {
  private subscribers: EventSubscriber[] = [];
  private nextXref = 1;
  private latest: number;
  private readonly replay: EventReplayBuffer;
  private readonly time: EventTimes;
  private readonly clock: Clock;
  /** How often subscriptions that get control messages are sent a HEARTBEAT, in ms; 0 = never. */
  readonly heartbeatMs: number;

  constructor(options: EventBusOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.time = options.time ?? new ApiTimeFormat();
    this.latest = options.firstSeq ?? Math.floor(this.clock.now()) * 1000;
    this.replay = new EventReplayBuffer(options.replayBuffer ?? 10_000, this.latest);
    this.heartbeatMs = (options.heartbeatSeconds ?? 30) * 1000;
  }

  /** The seq of the last event published (the one before the first while none has been). */
  get latestSeq(): number {
    return this.latest;
  }

  /**
   * Publishes an event: gives it the next seq, holds it for replay, and
   * delivers it to every matching subscriber; returns how many got it.
   */
  publish(event: CallcopyEvent): number {
    const seq = ++this.latest;
    this.replay.hold(seq, event);
    return this.fanOut(seq, event);
  }

  /**
   * Publishes an event another node's bus (the engine node's) published as
   * `seq`, with that seq: a cluster's nodes give their clients the same SEQ
   * for an event. `seq` becomes the latest, also when it is below this bus's
   * own first (a node that only relays never publishes by itself). The caller
   * relays in order: `seq` is above every seq this bus has had. A seq that
   * does not follow the latest (the first relayed, or the first after an
   * engine change) restarts the replay buffer: a SEQ from before it reads as
   * gone (eventsAfter), as nothing says what came between.
   * @returns how many subscribers got it
   */
  publishRelayed(seq: number, event: CallcopyEvent): number {
    if (seq !== this.latest + 1) this.replay.restart(seq - 1);
    this.latest = seq;
    this.replay.hold(seq, event);
    return this.fanOut(seq, event);
  }

  /**
   * Makes `seq` the latest when it is above it, so the next event published
   * here follows it: for a node that becomes the engine node, whose events
   * must come after those the last engine published. The replay buffer
   * restarts there (a SEQ before it reads as gone: this bus did not have the
   * events between).
   */
  advanceTo(seq: number): void {
    if (seq <= this.latest) return;
    this.latest = seq;
    this.replay.restart(seq);
  }

  /** Delivers the event published as `seq` to every matching subscriber; returns how many got it. */
  private fanOut(seq: number, event: CallcopyEvent): number {
    if (this.subscribers.length === 0) return 0;
    const published = new PublishedEvent(event, seq, this.time);
    let delivered = 0;
    for (const subscriber of this.subscribers) {
      if (!matchesFilter(subscriber, event)) continue;
      subscriber.deliver(published);
      delivered++;
    }
    return delivered;
  }

  /** Adds a subscriber; returns the function that removes it. */
  subscribe(subscriber: EventSubscriber): () => void {
    this.subscribers = [...this.subscribers, subscriber];
    return () => {
      this.subscribers = this.subscribers.filter((s) => s !== subscriber);
    };
  }

  /** The held events after `since` that `filter` matches, for a subscription that resumes (`since`, SINCE). */
  eventsAfter(since: number, filter: EventFilter): BusReplay {
    const { gone, oldest, events } = this.replay.after(since, (event) => matchesFilter(filter, event));
    return { gone, oldest, events: events.map(({ seq, event }) => new PublishedEvent(event, seq, this.time)) };
  }

  /** A call in progress as a snapshot event: flagged, with the seq of now (from which its subscriber resumes). */
  snapshotEvent(event: CallcopyEvent): PublishedEvent {
    return new PublishedEvent(event, this.latest, this.time, true);
  }

  /** A control message stamped now; `seq` defaults to the latest published. */
  control(control: ControlType, seq = this.latest): ControlMessage {
    return { control, seq, time: this.time.iso(this.clock.now()) };
  }

  /** A new subscription id, for EVENTXREF. */
  allocateXref(): number {
    return this.nextXref++;
  }

  get subscriberCount(): number {
    return this.subscribers.length;
  }
}

/** Whether a subscription with `filter` receives `event` (also applied to snapshots, which bypass the bus). */
export function matchesFilter(filter: EventFilter, event: CallcopyEvent): boolean {
  if (filter.eventClass !== 'ALL' && filter.eventClass !== EVENT_CLASS[event.type]) return false;
  return filter.deviceIds === undefined || filter.deviceIds.has(event.deviceId);
}
