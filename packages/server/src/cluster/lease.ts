import { performance } from 'node:perf_hooks';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';

export interface LeaseOptions {
  /** The KV bucket of leases; created with a TTL of `ttlMs` when absent. */
  readonly bucket: string;
  readonly key: string;
  /** Who this node is, written as the key's value. */
  readonly holder: string;
  /** How long the lease outlives its holder's last renewal. */
  readonly ttlMs: number;
  /** How often the holder renews it (and a contender tries to take it); default ttlMs / 4. */
  readonly heartbeatMs?: number;
}

/**
 * A lease in NATS KV: at most one holder at a time, taken over when the
 * holder dies. nats-server 2.9 ignores per-key TTL, so the lease lives by
 * the bucket's TTL (max_age): the holder writes a new revision every
 * heartbeat, each write checked against the revision it last wrote; a dead
 * holder's last revision ages out after `ttlMs` and a contender's create
 * then succeeds.
 *
 * The holder loses the lease when a renewal finds another revision (someone
 * else wrote the key), or when no renewal has succeeded for `ttlMs` — it
 * was cut off from NATS long enough for another node to take the lease, so
 * it must stop acting as holder whether or not one did. A lost lease is not
 * contended for again: the process ends, and a new one opens a new Lease.
 */
export class Lease {
  private acquiredListeners: (() => void)[] = [];
  private lostListeners: ((reason: string) => void)[] = [];
  private revision = 0;
  private lastRenewal = 0;
  private timer: NodeJS.Timeout | undefined;
  private state: 'idle' | 'contending' | 'held' | 'lost' | 'released' = 'idle';
  private failing: string | undefined;
  private ticking = false;
  private readonly heartbeatMs: number;

  private constructor(
    private readonly kv: KV,
    private readonly options: LeaseOptions,
    private readonly log: Logger,
  ) {
    this.heartbeatMs = options.heartbeatMs ?? Math.floor(options.ttlMs / 4);
  }

  /** Opens the bucket (creating it when absent). @throws Error when the heartbeat is too slow for the ttl */
  static async open(nc: NatsConnection, options: LeaseOptions, log: Logger): Promise<Lease> {
    const heartbeatMs = options.heartbeatMs ?? options.ttlMs / 4;
    if (!(heartbeatMs > 0) || heartbeatMs * 2 >= options.ttlMs) {
      throw new Error(`lease ${options.key}: a heartbeat of ${heartbeatMs} ms must be under half the ttl (${options.ttlMs} ms)`);
    }
    const kv = await new Kvm(nc).create(options.bucket, { ttl: options.ttlMs, history: 1, storage: 'file' });
    const bucketTtl = (await kv.status()).ttl;
    if (bucketTtl !== options.ttlMs) {
      log.warn({ bucket: options.bucket, bucketTtlMs: bucketTtl, ttlMs: options.ttlMs },
        `lease bucket ${options.bucket} keeps entries ${bucketTtl} ms, not the ${options.ttlMs} ms asked: leases live by the bucket's`);
    }
    return new Lease(kv, options, log);
  }

  onAcquired(listener: () => void): void {
    this.acquiredListeners.push(listener);
  }

  onLost(listener: (reason: string) => void): void {
    this.lostListeners.push(listener);
  }

  get held(): boolean {
    return this.state === 'held';
  }

  /** Starts contending: a try now, and one every heartbeat until held; then a renewal every heartbeat. */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'contending';
    this.timer = setInterval(() => void this.tick(), this.heartbeatMs);
    void this.tick();
  }

  /** Who holds the lease now, as the bucket says. */
  async holder(): Promise<string | undefined> {
    const entry = await this.kv.get(this.options.key);
    return entry && entry.operation === 'PUT' ? entry.string() : undefined;
  }

  /** Gives the lease up (another node takes it at once) and stops for good. */
  async release(): Promise<void> {
    const wasHeld = this.state === 'held';
    this.state = 'released';
    clearInterval(this.timer);
    if (!wasHeld) return;
    try {
      await this.kv.delete(this.options.key, { previousSeq: this.revision });
      this.log.info({ lease: this.options.key }, `${this.options.holder} gave up the ${this.options.key} lease`);
    } catch (err) {
      this.log.warn({ err, lease: this.options.key }, `${this.options.holder} could not give up the ${this.options.key} lease (it expires by itself): ${(err as Error).message}`);
    }
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      if (this.state === 'contending') await this.contend();
      else if (this.state === 'held') await this.renew();
    } finally {
      this.ticking = false;
    }
  }

  private async contend(): Promise<void> {
    const { key, holder, bucket } = this.options;
    let revision: number;
    try {
      revision = await this.kv.create(key, holder);
    } catch (err) {
      // Someone holds it (the usual answer), or NATS does not answer: try again next heartbeat.
      if (!isWrongRevision(err)) this.failed(`cannot reach the ${bucket} bucket: ${(err as Error).message}`);
      return;
    }
    if (this.state !== 'contending') return;
    this.revision = revision;
    this.lastRenewal = performance.now();
    this.state = 'held';
    this.failing = undefined;
    this.log.info({ lease: key, holder }, `${holder} holds the ${key} lease`);
    for (const listener of this.acquiredListeners) listener();
  }

  private async renew(): Promise<void> {
    const { key, holder, ttlMs } = this.options;
    try {
      const revision = await this.kv.update(key, holder, this.revision, this.heartbeatMs);
      if (this.state !== 'held') return;
      this.revision = revision;
      this.lastRenewal = performance.now();
      if (this.failing) this.log.info({ lease: key }, `${holder} renews the ${key} lease again`);
      this.failing = undefined;
    } catch (err) {
      if (this.state !== 'held') return;
      if (isWrongRevision(err)) return this.lose(`another node wrote the ${key} lease`);
      const silentMs = Math.round(performance.now() - this.lastRenewal);
      if (silentMs >= ttlMs) return this.lose(`no renewal succeeded for ${silentMs} ms (the lease lives ${ttlMs} ms): another node may hold it`);
      this.failed(`cannot renew the ${key} lease: ${(err as Error).message}`);
    }
  }

  private lose(reason: string): void {
    this.state = 'lost';
    clearInterval(this.timer);
    this.log.warn({ lease: this.options.key, holder: this.options.holder }, `${this.options.holder} lost the ${this.options.key} lease: ${reason}`);
    for (const listener of this.lostListeners) listener(reason);
  }

  /** Logs a failure once until it clears. */
  private failed(why: string): void {
    if (this.failing === why) return;
    this.failing = why;
    this.log.warn({ lease: this.options.key }, `${this.options.holder}: ${why}; trying again`);
  }
}

function isWrongRevision(err: unknown): boolean {
  return err instanceof JetStreamApiError &&
    (err.code === JetStreamApiCodes.StreamWrongLastSequence || err.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown);
}
