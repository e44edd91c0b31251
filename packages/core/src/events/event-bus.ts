import { EVENT_CLASS, type CallcopyEvent, type EventClass } from './callcopy-event.js';
import { PublishedEvent } from './published-event.js';

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

  /** Publishes an event to every matching subscriber; returns how many got it. */
  publish(event: CallcopyEvent): number {
    if (this.subscribers.length === 0) return 0;
    const published = new PublishedEvent(event);
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
