import type { EventBus } from '@callwire/core';
import { jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { decodeStreamedEvent, ensureEventStream } from './event-stream.js';
import type { ClusterSubjects } from './subjects.js';

/** The waits before consuming again after the consumer failed, the last repeated. */
const RETRY_MS = [250, 500, 1000, 2000];
/**
 * How long a JetStream API request (making a consumer, reading its state)
 * may take: one sent as the connection drops is never answered, and the loop
 * should not wait the client's default 5 s to ask again.
 */
const API_TIMEOUT_MS = 2000;
/** Messages pulled at once, and how long a pull waits (heartbeats at half that tell a lost pull). */
const PULL = { max_messages: 256, expires: 10_000 };
/** How long stop() waits to have relayed what the stream holds. */
const CATCH_UP_MS = 5000;
/** How long one look at the stream's end may take before it is asked again. */
const INFO_TRY_MS = 1000;

/**
 * On a node that is not the engine node: relays the events the engine
 * published (EventPublisher) to this node's bus, in order, once each, with
 * the engine's seq (`bus.publishRelayed`).
 *
 * It starts after the stream's last message (what came before was for the
 * subscribers of then: a client that missed it reads it as gone), and reads
 * with an ordered consumer from the next stream sequence. When NATS
 * restarts, the ordered consumer notices its server-side consumer is gone
 * and resets; the follower then makes a new one itself, from the stream
 * sequence after the last it relayed (the library's own recreation pulls
 * with its old pending count and stalls). Should the consumer fail or end,
 * the loop makes a new one the same way, after a backoff.
 * An event whose seq is not above the last one relayed (a duplicate) is
 * skipped; a message that is not an event is logged and skipped. Nothing
 * ends the loop but stop() or the connection's close.
 */
export class EventFollower {
  private messages: ConsumerMessages | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private failures = 0;
  private wake: (() => void) | undefined;
  private caughtUp: { readonly streamSeq: number; readonly resolve: () => void } | undefined;
  private readonly running: Promise<void>;

  /**
   * @param streamSeq the stream sequence of the last message relayed (or skipped)
   * @param last the seq of the last event relayed
   */
  private constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly nc: NatsConnection,
    private readonly bus: EventBus,
    private readonly subjects: ClusterSubjects,
    private readonly log: Logger,
    private streamSeq: number,
    private last: number,
  ) {
    this.running = this.run();
  }

  /** Makes sure the events stream exists, finds its last message, and relays every one after it. */
  static async start(nc: NatsConnection, bus: EventBus, options: { subjects: ClusterSubjects; log: Logger }): Promise<EventFollower> {
    const { subjects, log } = options;
    const jsm = await jetstreamManager(nc);
    const info = await ensureEventStream(jsm, subjects);
    const lastMessage = await jsm.streams.getMessage(subjects.eventStream, { last_by_subj: subjects.events });
    let streamSeq = info.state.last_seq;
    let last = 0;
    if (lastMessage) {
      streamSeq = lastMessage.seq;
      try {
        last = decodeStreamedEvent(lastMessage).seq;
      } catch (err) {
        log.warn({ err, streamSeq }, `the events stream's last message (${streamSeq}) is not an event: ${(err as Error).message}`);
      }
    }
    return new EventFollower(jetstream(nc, { timeout: API_TIMEOUT_MS }), jsm, nc, bus, subjects, log, streamSeq, last);
  }

  /** The seq of the last event relayed (or of the stream's last when it started); 0 when the stream was empty. */
  get lastSeq(): number {
    return this.last;
  }

  /**
   * Relays what the stream holds now (waiting at most CATCH_UP_MS; warns when
   * it did not get there), then stops consuming. For a node taking over as
   * the engine: every event the old engine published is on its bus first.
   */
  stop(): Promise<void> {
    return (this.stopped ??= this.catchUpAndStop());
  }

  private async catchUpAndStop(): Promise<void> {
    const deadline = Date.now() + CATCH_UP_MS;
    const target = await this.streamEnd(deadline);
    if (target !== undefined && this.streamSeq < target) {
      const reached = await this.relayedUpTo(target, deadline - Date.now());
      if (!reached) {
        this.log.warn({ streamSeq: this.streamSeq, streamEnd: target, lastSeq: this.last }, `stopped following events with ${target - this.streamSeq} of the stream's messages not relayed (up to SEQ ${this.last} relayed)`);
      }
    }
    this.stopping = true;
    this.messages?.stop();
    this.wake?.();
    await this.running;
  }

  /**
   * The stream sequence of the stream's last message, or undefined (warned)
   * when it cannot be read by `deadline`. Asked again each INFO_TRY_MS: a
   * request sent while the connection was down may never be answered.
   */
  private async streamEnd(deadline: number): Promise<number | undefined> {
    let failure: unknown;
    while (Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer in time')), Math.min(INFO_TRY_MS, deadline - Date.now()));
      });
      try {
        return (await Promise.race([this.jsm.streams.info(this.subjects.eventStream), timeout])).state.last_seq;
      } catch (err) {
        failure = err;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(0, deadline - Date.now()))));
      } finally {
        clearTimeout(timer);
      }
    }
    this.log.warn({ err: failure, lastSeq: this.last }, `stopped following events without knowing what the stream holds (${(failure as Error | undefined)?.message ?? 'no time left'}): up to SEQ ${this.last} relayed`);
    return undefined;
  }

  /** Resolves true once the message with stream sequence `streamSeq` is relayed, false after `timeoutMs`. */
  private relayedUpTo(streamSeq: number, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.caughtUp = undefined;
        resolve(false);
      }, Math.max(0, timeoutMs));
      this.caughtUp = {
        streamSeq,
        resolve: () => {
          clearTimeout(timer);
          this.caughtUp = undefined;
          resolve(true);
        },
      };
    });
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      if (this.nc.isClosed()) {
        this.log.warn({ lastSeq: this.last }, `stopped following events: the NATS connection is closed (up to SEQ ${this.last} relayed)`);
        return;
      }
      try {
        if (await this.consume()) continue;
        throw new Error('the consumer ended');
      } catch (err) {
        if (!this.stopping && this.failures === 0) {
          this.log.warn({ err, lastSeq: this.last }, `following events failed (${(err as Error).message}); trying again from the stream's message ${this.streamSeq + 1}`);
        }
        this.failures++;
      }
      this.messages = undefined;
      if (!this.stopping) await this.pause(RETRY_MS[Math.min(this.failures, RETRY_MS.length) - 1] ?? RETRY_MS[0]!);
    }
  }

  /**
   * One ordered consumer from the next stream sequence, until it ends.
   * @returns whether it ended as it should: stop() or a reset (a new one is then due at once)
   */
  private async consume(): Promise<boolean> {
    const consumer = await this.js.consumers.get(this.subjects.eventStream, { opt_start_seq: this.streamSeq + 1 });
    const messages = await consumer.consume(PULL);
    this.messages = messages;
    if (this.failures > 0) {
      this.log.info({ lastSeq: this.last }, `following events again, from the stream's message ${this.streamSeq + 1}`);
      this.failures = 0;
    }
    let reset = false;
    void this.watch(messages, () => {
      reset = true;
      messages.stop();
    }).catch(() => undefined);
    if (this.stopping) messages.stop();
    for await (const message of messages) {
      if (this.stopping || reset) break;
      this.relay(message);
    }
    void consumer.delete().catch(() => undefined);
    return this.stopping || reset;
  }

  /** What the consumer goes through (a reset, missed heartbeats...), at debug level; a reset ends it. */
  private async watch(messages: ConsumerMessages, onReset: () => void): Promise<void> {
    for await (const status of messages.status()) {
      this.log.debug({ status }, `events consumer: ${status.type}`);
      if (status.type === 'reset') onReset();
    }
  }

  private relay(message: JsMsg): void {
    this.streamSeq = message.seq;
    try {
      const { seq, event } = decodeStreamedEvent(message);
      if (seq > this.last) {
        this.last = seq;
        this.bus.publishRelayed(seq, event);
      }
    } catch (err) {
      this.log.warn({ err, streamSeq: message.seq }, `skipped the events stream's message ${message.seq}: ${(err as Error).message}`);
    }
    if (this.caughtUp !== undefined && this.streamSeq >= this.caughtUp.streamSeq) this.caughtUp.resolve();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
