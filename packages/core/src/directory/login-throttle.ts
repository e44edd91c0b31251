import type { Clock } from '../clock.js';

export interface LoginThrottleOptions {
  /** Failed logins in a row a source may make before it is made to wait; default 5. */
  readonly freeFailures?: number;
  /** The first wait; each further failure doubles it. Default 1 s. */
  readonly firstDelayMs?: number;
  /** The longest wait; default 60 s. */
  readonly maxDelayMs?: number;
  /** A source that has not failed for this long starts afresh; default 15 min. */
  readonly forgetAfterMs?: number;
  /** Sources remembered at most (the least recently failed are forgotten first); default 10 000. */
  readonly maxSources?: number;
}

interface SourceRecord {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

/**
 * Per-address backoff for logins: after `freeFailures` failed logins in a
 * row, a source (a client's IP address) is refused for 1 s, then 2 s, 4 s …
 * up to `maxDelayMs`, without its password being checked at all; a
 * successful login clears it. Only the clock is read, nothing waits: a
 * refused client is answered at once (HTTP 429) and told when to retry.
 */
export class LoginThrottle {
  private readonly sources = new Map<string, SourceRecord>();
  private readonly options: Required<LoginThrottleOptions>;

  constructor(
    private readonly clock: Clock,
    options: LoginThrottleOptions = {},
  ) {
    this.options = {
      freeFailures: options.freeFailures ?? 5,
      firstDelayMs: options.firstDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      forgetAfterMs: options.forgetAfterMs ?? 15 * 60_000,
      maxSources: options.maxSources ?? 10_000,
    };
  }

  /** How long `source` must still wait before its next login is checked; 0 when it may try now. */
  blockedForMs(source: string): number {
    const record = this.current(source);
    return record ? Math.max(0, record.blockedUntil - this.clock.now()) : 0;
  }

  /** Counts a failed login (unknown user or wrong password) of `source`. */
  failed(source: string): void {
    const now = this.clock.now();
    const record = this.current(source) ?? { failures: 0, lastFailure: now, blockedUntil: 0 };
    record.failures++;
    record.lastFailure = now;
    const over = record.failures - this.options.freeFailures;
    if (over > 0) {
      const delay = Math.min(this.options.maxDelayMs, this.options.firstDelayMs * 2 ** Math.min(over - 1, 30));
      record.blockedUntil = Math.max(record.blockedUntil, now + delay);
    }
    // re-inserted, so the map's order is least recently failed first
    this.sources.delete(source);
    if (this.sources.size >= this.options.maxSources) this.sources.delete(this.sources.keys().next().value!);
    this.sources.set(source, record);
  }

  /** A successful login of `source`: it starts afresh. */
  succeeded(source: string): void {
    this.sources.delete(source);
  }

  private current(source: string): SourceRecord | undefined {
    const record = this.sources.get(source);
    if (record && this.clock.now() - record.lastFailure > this.options.forgetAfterMs && record.blockedUntil <= this.clock.now()) {
      this.sources.delete(source);
      return undefined;
    }
    return record;
  }
}
