import type { CallcopyEvent } from './callcopy-event.js';

/** What a subscription resuming after a SEQ gets from the replay buffer. */
export interface Replay {
  /** True when events after the SEQ asked for may be missing: it is older than the buffer holds (or unknown to this run). */
  readonly gone: boolean;
  /** The oldest seq still held; the next to be published when none is. */
  readonly oldest: number;
  /** The held events after the SEQ (all held ones when `gone`), in order, with their seq. */
  readonly events: readonly { readonly seq: number; readonly event: CallcopyEvent }[];
}

/**
 * The last `capacity` events published (config `events.replayBuffer`), by
 * seq, so a client that reconnects with `since` gets what it missed. A ring:
 * holding an event costs one slot, whatever the traffic; the events are kept
 * as published, not serialized (a replay is rare and serializes again).
 */
export class EventReplayBuffer {
  private readonly slots: (CallcopyEvent | undefined)[];
  private held = 0;

  /** @param latest the seq before the first to be held */
  constructor(readonly capacity: number, private latest: number) {
    this.slots = new Array<CallcopyEvent | undefined>(capacity);
  }

  /** Holds the event published as `seq` (always the seq after the last one, or after `restart`'s), dropping the oldest when full. */
  hold(seq: number, event: CallcopyEvent): void {
    this.latest = seq;
    if (this.capacity === 0) return;
    this.slots[seq % this.capacity] = event;
    if (this.held < this.capacity) this.held++;
  }

  /**
   * Drops every held event and goes on from `latest` (the seq before the
   * next to be held): for a jump in the sequence, which the ring, indexed by
   * seq, cannot span. A SEQ before `latest` then reads as gone — what came
   * between was published elsewhere, or never — and `latest` itself as the
   * place the next event follows.
   */
  restart(latest: number): void {
    this.latest = latest;
    this.held = 0;
    this.slots.fill(undefined);
  }

  /** The held events after `since` that `wanted` accepts. */
  after(since: number, wanted: (event: CallcopyEvent) => boolean): Replay {
    const oldest = this.latest - this.held + 1;
    const gone = since < oldest - 1 || since > this.latest;
    const events: { seq: number; event: CallcopyEvent }[] = [];
    for (let seq = gone ? oldest : since + 1; seq <= this.latest; seq++) {
      const event = this.slots[seq % this.capacity]!;
      if (wanted(event)) events.push({ seq, event });
    }
    return { gone, oldest, events };
  }
}
