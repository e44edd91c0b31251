import type { CallcopyEvent, EventBus } from '@callwire/core';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, type JetStreamPublishOptions } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { encodeStreamedEvent, ensureEventStream } from './event-stream.js';
import type { ClusterSubjects } from './subjects.js';

/** Publishes awaiting JetStream's acknowledgement at once: throughput without an unbounded burst. */
const WINDOW = 128;
/** How long one publish waits for its acknowledgement before it counts as failed (and is sent again). */
const ACK_TIMEOUT_MS = 5000;
/** The waits before sending again after a failure, the last repeated. */
const RETRY_MS = [250, 500, 1000, 2000];
/** How long stop() waits for what is queued to be acknowledged. */
const STOP_WAIT_MS = 5000;

/** An event waiting for JetStream's acknowledgement. */
interface Queued {
  readonly seq: number;
  readonly event: CallcopyEvent;
  /** Its message, encoded when first sent (and kept for a retry). */
  data?: Uint8Array;
  acked: boolean;
}

/**
 * On the engine node: every event its bus publishes goes to the events
 * stream, in order, as `{ seq, event }` with msgID `String(seq)` — for the
 * other nodes' EventFollower to relay with the same SEQ.
 *
 * The bus delivers synchronously; an event is only queued there. Up to
 * WINDOW publishes are in flight at once; each one sent while the one
 * before it is still unacknowledged expects that one to be the stream's last
 * message (Nats-Expected-Last-Msg-Id), so when a publish fails none after it
 * is stored ahead of it. A failure (NATS down or restarting, a timeout)
 * keeps the queue: once what was in flight has settled, publishing starts
 * again from the oldest unacknowledged event, in order, after a backoff
 * (250 ms up to 2 s; at once when the connection is back), until JetStream
 * acknowledges it — a msgID it already stored is acknowledged as a
 * duplicate, not stored twice. Nothing is dropped, however long NATS is away
 * (the queue grows meanwhile). The outage is logged once, and the recovery
 * once.
 */
export class EventPublisher {
  /** Unacknowledged events (and acknowledged ones behind an unacknowledged one), oldest first, from `head`. */
  private queue: (Queued | undefined)[] = [];
  private head = 0;
  /** The index of the next to send in this round. */
  private next = 0;
  /** Publishes of this round not yet settled. */
  private inFlight = 0;
  /** Counts the rounds: a round sends in order from the oldest unacknowledged event until a publish fails. */
  private round = 0;
  /** A publish of this round failed: nothing more is sent until the round's publishes have settled and the backoff is over (or the connection is back). */
  private failed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retries = 0;
  /** No stream took a publish of the failed round (it may have been deleted): ensure it before the next. */
  private noStream = false;
  /** Since when publishing fails (logged once), undefined while it works. */
  private outageSince: number | undefined;
  private stopped = false;
  private stopping: Promise<void> | undefined;
  private drained: (() => void) | undefined;
  private readonly unsubscribe: () => void;

  private constructor(
    nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    bus: EventBus,
    private readonly subjects: ClusterSubjects,
    private readonly log: Logger,
  ) {
    this.unsubscribe = bus.subscribe({ eventClass: 'ALL', deliver: (published) => this.enqueue(published.seq, published.event) });
    void this.watchConnection(nc).catch(() => undefined);
  }

  /** Makes sure the events stream exists, then publishes every event `bus` publishes from now on. */
  static async start(nc: NatsConnection, bus: EventBus, options: { subjects: ClusterSubjects; log: Logger }): Promise<EventPublisher> {
    const jsm = await jetstreamManager(nc);
    await ensureEventStream(jsm, options.subjects);
    return new EventPublisher(nc, jetstream(nc), jsm, bus, options.subjects, options.log);
  }

  /** How many events are not known to be in the stream: the oldest unacknowledged one and all after it. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  /**
   * Stops taking the bus's events and waits (at most STOP_WAIT_MS) for those
   * queued to be acknowledged; warns naming how many were not.
   */
  stop(): Promise<void> {
    return (this.stopping ??= this.drainAndStop());
  }

  private async drainAndStop(): Promise<void> {
    this.unsubscribe();
    if (this.pending > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.drained = resolve;
        timer = setTimeout(resolve, STOP_WAIT_MS);
      });
      clearTimeout(timer);
      this.drained = undefined;
    }
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.pending > 0) {
      this.log.warn({ unpublished: this.pending }, `stopped publishing events to JetStream with ${this.pending} not published (from SEQ ${this.queue[this.head]!.seq})`);
    }
  }

  private enqueue(seq: number, event: CallcopyEvent): void {
    this.queue.push({ seq, event, acked: false });
    this.pump();
  }

  /** Sends what the window allows, in order. */
  private pump(): void {
    while (!this.stopped && !this.failed && this.retryTimer === undefined && this.inFlight < WINDOW && this.next < this.queue.length) {
      const entry = this.queue[this.next]!;
      const before = this.next > this.head ? this.queue[this.next - 1] : undefined;
      this.next++;
      if (entry.acked) continue;
      this.send(entry, before !== undefined && !before.acked ? String(before.seq) : undefined);
    }
  }

  /**
   * Sends one event. Stored, it has every event before it stored: either it
   * expects the one before (which was stored then, by the same reasoning),
   * or all before it were acknowledged when it was sent.
   * @param after the msgID the stream's last message must have (the one sent before, still unacknowledged)
   */
  private send(entry: Queued, after: string | undefined): void {
    const round = this.round;
    this.inFlight++;
    entry.data ??= encodeStreamedEvent(entry.seq, entry.event);
    const options: Partial<JetStreamPublishOptions> = { msgID: String(entry.seq), timeout: ACK_TIMEOUT_MS };
    if (after !== undefined) options.expect = { lastMsgID: after };
    this.js.publish(this.subjects.events, entry.data, options).then(
      () => {
        entry.acked = true;
        this.dropAcknowledged();
        this.settled(round, undefined);
      },
      (err: unknown) => this.settled(round, err),
    );
  }

  /** A publish of `round` was acknowledged (`err` undefined) or failed; one of an earlier round only counts as acknowledged. */
  private settled(round: number, err: unknown): void {
    if (round === this.round) {
      this.inFlight--;
      if (err !== undefined) {
        if (!this.failed) this.failing(err);
      } else if (!this.failed && this.outageSince !== undefined) {
        this.recovered();
      }
      if (!this.failed) this.pump();
      else if (this.inFlight === 0 && this.retryTimer === undefined) this.retryLater();
    }
    if (this.pending === 0) this.drained?.();
  }

  private failing(err: unknown): void {
    this.failed = true;
    this.noStream = isNoStream(err);
    if (this.outageSince !== undefined || this.stopped) return;
    this.outageSince = Date.now();
    this.log.warn({ err, unpublished: this.pending }, `publishing events to JetStream failed (${(err as Error).message ?? err}); retrying, in order, until it works`);
  }

  private recovered(): void {
    const seconds = ((Date.now() - this.outageSince!) / 1000).toFixed(1);
    this.outageSince = undefined;
    this.retries = 0;
    this.log.info({ unpublished: this.pending }, `publishing events to JetStream works again, after ${seconds} s`);
  }

  /** A new round from the oldest unacknowledged event, after the backoff. */
  private retryLater(): void {
    if (this.stopped) return;
    const wait = RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)]!;
    const round = this.round;
    this.retryTimer = setTimeout(() => {
      void (async () => {
        if (this.noStream) await ensureEventStream(this.jsm, this.subjects).catch(() => undefined);
        if (this.round === round) this.newRound();
      })();
    }, wait);
  }

  /**
   * Sends again from the oldest unacknowledged event, in order. The last
   * round's publishes still in flight no longer count (one that is stored
   * late is a duplicate, or refused for its expectation); their
   * acknowledgements still do.
   */
  private newRound(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.round++;
    this.inFlight = 0;
    this.failed = false;
    this.next = this.head;
    this.pump();
  }

  /**
   * Back on NATS after a disconnect: what was sent meanwhile may be lost with
   * the old connection (its acknowledgements would only time out), so a new
   * round starts at once instead of after the timeouts and the backoff.
   */
  private async watchConnection(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (this.stopped) return;
      if (status.type === 'reconnect' && this.pending > 0) this.newRound();
    }
  }

  /** Forgets the acknowledged events at the front; compacts the array now and then (no shift per event). */
  private dropAcknowledged(): void {
    while (this.head < this.next && this.queue[this.head]!.acked) this.queue[this.head++] = undefined;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = this.next = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.next -= this.head;
      this.head = 0;
    }
  }
}

/** A publish no stream answered: JetStream is not (yet) up, or the stream is gone. */
function isNoStream(err: unknown): boolean {
  return err instanceof Error && err.name === 'JetStreamNotEnabled';
}
