import type { Logger } from 'pino';

export interface RefusalLogOptions {
  /** One line per address and reason per this long; default one minute. */
  readonly intervalMs?: number;
  /** Addresses tracked at once; refusals of further addresses share one line. Default 10,000. */
  readonly maxAddresses?: number;
}

/** The address under which refusals are counted once `maxAddresses` are tracked. */
export const OTHER_ADDRESSES = 'other addresses';

interface Entry {
  readonly address: string;
  readonly reason: string;
  readonly fields: Record<string, unknown>;
  /** Refusals since the last line. */
  count: number;
  timer: NodeJS.Timeout;
}

/**
 * Logs the API clients the server refuses without letting a flood of them
 * flood the log: the first refusal of an address (for a reason) is logged at
 * once; the ones that follow within the interval are counted, and when the
 * interval ends one line reports how many there were (`refused`: the
 * refusals since the last line), and so on while they keep coming. An
 * address that stops being refused is forgotten after one quiet interval.
 */
export class RefusalLog {
  private readonly entries = new Map<string, Entry>();
  private readonly intervalMs: number;
  private readonly maxAddresses: number;

  constructor(
    private readonly log: Logger,
    options: RefusalLogOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 60_000;
    this.maxAddresses = options.maxAddresses ?? 10_000;
  }

  /** One refused connection from `address`; `reason` says why (also the line's message). */
  refused(address: string | undefined, reason: string, fields: Record<string, unknown> = {}): void {
    let remote = address ?? '?';
    let key = `${reason}\u0000${remote}`;
    if (!this.entries.has(key) && this.entries.size >= this.maxAddresses) {
      remote = OTHER_ADDRESSES;
      key = `${reason}\u0000${remote}`;
    }
    const entry = this.entries.get(key);
    if (entry) {
      entry.count++;
      return;
    }
    this.write(remote, reason, fields, 1);
    const timer = setTimeout(() => this.tick(key), this.intervalMs);
    timer.unref();
    this.entries.set(key, { address: remote, reason, fields, count: 0, timer });
  }

  /** Writes what has been counted and not logged yet, and stops. */
  close(): void {
    for (const entry of this.entries.values()) {
      clearTimeout(entry.timer);
      if (entry.count > 0) this.write(entry.address, entry.reason, entry.fields, entry.count);
    }
    this.entries.clear();
  }

  private tick(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.count === 0) {
      this.entries.delete(key);
      return;
    }
    this.write(entry.address, entry.reason, entry.fields, entry.count);
    entry.count = 0;
    entry.timer.refresh();
  }

  private write(address: string, reason: string, fields: Record<string, unknown>, refused: number): void {
    const times = refused === 1 ? '' : ` (${refused} connections since the last line)`;
    this.log.warn({ ...fields, remote: address, refused }, `refusing API client ${address}: ${reason}${times}`);
  }
}
