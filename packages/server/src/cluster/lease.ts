import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';

/** Which lease, who asks for it, and how long a silent holder keeps it. */
export interface LeaseOptions {
  /** The KV bucket; created with max_age = `ttlMs` when absent. */
  readonly bucket: string;
  readonly key: string;
  /** This node's name, written as the key's value; unique in the cluster. */
  readonly holder: string;
  /** How long a holder that stopped heartbeating keeps the lease. */
  readonly ttlMs: number;
  /** How often the holder writes (and a contender tries); `ttlMs / 4` unless given, under `ttlMs / 2`. */
  readonly heartbeatMs?: number;
}

type State = 'idle' | 'contending' | 'held' | 'lost' | 'released';

/** JetStream's refusal of a write whose expected revision is not the key's (err_code 10071 or 10164). */
function wrongRevision(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (err as Error | null)?.name === 'JetStreamApiError' && (code === 10071 || code === 10164);
}

function reasonOf(err: unknown): string {
  return (err as Error | null)?.message ?? String(err);
}

/**
 * A lease on one KV key that at most one node holds at a time. nats-server
 * 2.9 ignores per-key TTL, so expiry is the bucket's max_age: the holder
 * writes a new revision every heartbeat, and a dead holder's last revision
 * ages out after the ttl, when a contender's create() succeeds.
 *
 * The holder counts the lease lost (onLost, once, and then it stops) when
 * another node's write refused its heartbeat, or when no heartbeat has
 * succeeded for the ttl (another node may hold it by then). A heartbeat
 * refused because its own earlier write landed after all (a timed-out
 * request, a NATS restart) is taken as the new revision. JetStream's "wrong
 * last sequence" is what tells a taken lease from an unreachable NATS: any
 * other failure is retried on the next tick, warned once until it passes.
 * A lost or released Lease does not contend again; open a new one.
 */
export class Lease {
  private readonly acquired: Array<() => void> = [];
  private readonly lost: Array<(reason: string) => void> = [];
  private state: State = 'idle';
  /** The key's revision this node wrote last while it has the key. */
  private revision: number | undefined;
  /** performance.now() when the last successful write was sent. */
  private confirmedAt = 0;
  private ticker: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private releasing: Promise<void> | undefined;
  /** What is failing now, warned once until it succeeds again. */
  private failing: 'contend' | 'heartbeat' | undefined;

  private constructor(
    private readonly kv: KV,
    private readonly options: LeaseOptions,
    private readonly ttlMs: number,
    private readonly heartbeatMs: number,
    private readonly log: Logger,
  ) {}

  /**
   * Opens the bucket (creating it with max_age = ttlMs, history 1, file
   * storage when absent). A bucket that exists with another max_age is used
   * as it is, with a warning naming both: its max_age is then the ttl.
   * @throws Error when heartbeatMs is not under ttlMs / 2, or the bucket cannot be opened
   */
  static async open(nc: NatsConnection, options: LeaseOptions, log: Logger): Promise<Lease> {
    const { bucket, key, ttlMs } = options;
    if (!(Number.isFinite(ttlMs) && ttlMs > 0)) throw new Error(`lease ${key}: ttlMs must be a positive number of milliseconds, not ${ttlMs}`);
    const heartbeatMs = options.heartbeatMs ?? ttlMs / 4;
    if (!(heartbeatMs > 0 && heartbeatMs < ttlMs / 2)) {
      throw new Error(`lease ${key}: heartbeatMs (${heartbeatMs}) must be above 0 and under half of ttlMs (${ttlMs})`);
    }
    const kv = await new Kvm(nc).create(bucket, { ttl: ttlMs, history: 1, storage: 'file' });
    const maxAge = (await kv.status()).ttl;
    if (maxAge === ttlMs) return new Lease(kv, options, ttlMs, heartbeatMs, log);
    if (maxAge === 0) {
      log.warn({ bucket, ttlMs }, `the ${bucket} bucket exists without a max_age (0), not ${ttlMs} ms: a dead holder's ${key} lease never ages out`);
      return new Lease(kv, options, ttlMs, heartbeatMs, log);
    }
    log.warn({ bucket, maxAgeMs: maxAge, ttlMs }, `the ${bucket} bucket exists with max_age ${maxAge} ms, not ${ttlMs} ms; the ${key} lease uses ${maxAge} ms`);
    return new Lease(kv, options, maxAge, heartbeatMs < maxAge / 2 ? heartbeatMs : maxAge / 4, log);
  }

  /** Called when this node takes the lease (once at most: a lost Lease does not contend again). */
  onAcquired(listener: () => void): void {
    this.acquired.push(listener);
  }

  /** Called once when the held lease is lost, with why; this node must stop acting as holder. */
  onLost(listener: (reason: string) => void): void {
    this.lost.push(listener);
  }

  /** Begins contending: a create() at once and every heartbeat while not held; heartbeats while held. Once only. */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'contending';
    this.ticker = setInterval(() => this.tick(), this.heartbeatMs);
    this.tick();
  }

  /** Whether this node holds the lease now: from onAcquired until onLost or release(). */
  get held(): boolean {
    return this.state === 'held';
  }

  /**
   * Who holds the lease now according to the KV; undefined when nobody does.
   * @throws the KV's error when it cannot be read
   */
  async holder(): Promise<string | undefined> {
    const entry = await this.kv.get(this.options.key);
    return entry?.operation === 'PUT' ? entry.string() : undefined;
  }

  /**
   * Stops for good: when held, deletes the key at the held revision (after
   * any write in flight) so another node takes it at once. A delete that
   * fails is logged; the key then ages out. Safe to call again or unstarted.
   */
  release(): Promise<void> {
    if (this.releasing) return this.releasing;
    this.state = 'released';
    this.stopTimers();
    this.releasing = this.handBack();
    return this.releasing;
  }

  private async handBack(): Promise<void> {
    await this.inFlight;
    const revision = this.revision;
    if (revision === undefined) return;
    this.revision = undefined;
    const { key, holder } = this.options;
    try {
      await this.kv.delete(key, { previousSeq: revision });
      this.log.info({ key, holder }, `${holder} released the ${key} lease`);
    } catch (err) {
      if (wrongRevision(err)) return;
      this.log.warn({ key, holder, err }, `releasing the ${key} lease failed (it ages out instead): ${reasonOf(err)}`);
    }
  }

  private tick(): void {
    if (this.inFlight) return;
    if (this.state === 'held' && performance.now() - this.confirmedAt >= this.ttlMs) return this.silent();
    const step = this.state === 'contending' ? this.contend() : this.state === 'held' ? this.heartbeat() : undefined;
    if (!step) return;
    this.inFlight = step
      .catch((err: unknown) => this.log.warn({ key: this.options.key, err }, `the ${this.options.key} lease: ${reasonOf(err)}`))
      .finally(() => (this.inFlight = undefined));
  }

  private async contend(): Promise<void> {
    const { key, holder } = this.options;
    const sentAt = performance.now();
    let revision: number;
    try {
      revision = await this.kv.create(key, holder);
    } catch (err) {
      if (wrongRevision(err)) this.succeeded(); // someone holds it: the normal wait
      else this.failed('contend', `cannot contend for the ${key} lease: ${reasonOf(err)}; trying again`, err);
      return;
    }
    this.revision = revision;
    if (this.state !== 'contending') return; // released meanwhile: handBack() deletes it
    this.succeeded();
    this.state = 'held';
    this.confirmed(sentAt);
    this.log.info({ key, holder, revision }, `${holder} holds the ${key} lease`);
    for (const listener of this.acquired) this.notify(() => listener());
  }

  /** Writes a new revision; when refused by a write of its own that landed unseen, takes that revision and writes once more. */
  private async heartbeat(again = true): Promise<void> {
    const { key, holder } = this.options;
    const sentAt = performance.now();
    try {
      const revision = await this.kv.update(key, holder, this.revision!, this.heartbeatMs);
      if (this.state === 'lost') return;
      this.revision = revision;
      if (this.state !== 'held') return;
      this.succeeded();
      this.confirmed(sentAt);
      return;
    } catch (err) {
      if (!wrongRevision(err)) return this.failed('heartbeat', `heartbeat on the ${key} lease failed: ${reasonOf(err)}; retrying`, err);
    }
    let entry;
    try {
      entry = await this.kv.get(key);
    } catch (err) {
      return this.failed('heartbeat', `heartbeat on the ${key} lease failed: ${reasonOf(err)}; retrying`, err);
    }
    if (this.state === 'lost') return;
    if (entry?.operation === 'PUT' && entry.string() === holder) {
      this.revision = entry.revision;
      if (again && this.state === 'held') await this.heartbeat(false);
      return;
    }
    if (this.state !== 'held') return;
    const now = entry?.operation === 'PUT' ? `${entry.string()} wrote it` : 'the key is gone';
    this.lose(`the ${key} lease was taken from ${holder}: ${now} (revision ${entry?.revision ?? 'none'}, not ${this.revision})`);
  }

  /** A write sent at `sentAt` succeeded: the lease is lost if none succeeds for the ttl after it. */
  private confirmed(sentAt: number): void {
    this.confirmedAt = sentAt;
    clearTimeout(this.expiry);
    this.expiry = setTimeout(() => this.silent(), Math.max(0, sentAt + this.ttlMs - performance.now()));
  }

  private silent(): void {
    this.lose(`no heartbeat on the ${this.options.key} lease succeeded for ${this.ttlMs} ms: another node may hold it`);
  }

  private lose(reason: string): void {
    if (this.state !== 'held') return;
    this.state = 'lost';
    this.revision = undefined;
    this.stopTimers();
    this.log.warn({ key: this.options.key, holder: this.options.holder }, `${this.options.holder} lost the ${this.options.key} lease: ${reason}`);
    for (const listener of this.lost) this.notify(() => listener(reason));
  }

  private failed(what: 'contend' | 'heartbeat', message: string, err: unknown): void {
    if (this.failing === what) return;
    this.failing = what;
    this.log.warn({ key: this.options.key, err }, message);
  }

  private succeeded(): void {
    if (this.failing === undefined) return;
    const what = this.failing === 'contend' ? 'contending for' : 'heartbeats on';
    this.log.info({ key: this.options.key }, `${what} the ${this.options.key} lease work again`);
    this.failing = undefined;
  }

  private notify(call: () => void): void {
    try {
      call();
    } catch (err) {
      this.log.warn({ key: this.options.key, err }, `a listener of the ${this.options.key} lease threw: ${reasonOf(err)}`);
    }
  }

  private stopTimers(): void {
    clearInterval(this.ticker);
    clearTimeout(this.expiry);
    this.ticker = this.expiry = undefined;
  }
}
