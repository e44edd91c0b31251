import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Write<T> = (trx: Transaction<Database>) => Promise<T>;
interface Queued {
  readonly write: Write<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Writes waiting for one transaction at a time. */
interface Lane {
  queue: Queued[];
  flushing: boolean;
}

/**
 * Group commit for the engine's hot writes (a recording's row at start, its
 * updates, its completion). Writes asked for while a commit is in progress,
 * or in the same tick, go out together in one transaction: under load many
 * rows share one commit (one WAL flush) instead of one autocommit each, and
 * an idle server writes at once. Each caller still gets its own result; if a
 * batch fails, its writes are retried one by one so one bad write cannot sink
 * the others.
 *
 * With several `lanes` (PostgreSQL, a pool of connections) that many
 * transactions run at once. Writes given the same `key` (a row's IDENT) take
 * the same lane, so they are applied in the order asked; a write without one
 * (a new row) takes the lane with the fewest waiting.
 */
export class WriteBatcher {
  private readonly lanes: Lane[];
  private readonly maxBatch: number;

  constructor(private readonly db: Kysely<Database>, { lanes = 1, maxBatch = 256 }: { lanes?: number; maxBatch?: number } = {}) {
    this.lanes = Array.from({ length: Math.max(1, lanes) }, () => ({ queue: [], flushing: false }));
    this.maxBatch = maxBatch;
  }

  run<T>(write: Write<T>, key?: number): Promise<T> {
    const lane = key === undefined ? this.leastBusy() : this.lanes[key % this.lanes.length]!;
    return new Promise<T>((resolve, reject) => {
      lane.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!lane.flushing) {
        lane.flushing = true;
        setImmediate(() => void this.flush(lane));
      }
    });
  }

  private leastBusy(): Lane {
    let best = this.lanes[0]!;
    for (const lane of this.lanes) if (lane.queue.length + (lane.flushing ? 1 : 0) < best.queue.length + (best.flushing ? 1 : 0)) best = lane;
    return best;
  }

  private async flush(lane: Lane): Promise<void> {
    while (lane.queue.length > 0) {
      const batch = lane.queue.splice(0, this.maxBatch);
      if (batch.length === 1) await this.alone(batch[0]!);
      else await this.together(batch);
    }
    lane.flushing = false;
  }
  private async together(batch: Queued[]): Promise<void> {
    let results: unknown[];
    try {
      results = await this.db.transaction().execute(async (trx) => {
        const out: unknown[] = [];
        for (const item of batch) out.push(await item.write(trx));
        return out;
      });
    } catch {
      for (const item of batch) await this.alone(item);
      return;
    }
    batch.forEach((item, i) => item.resolve(results[i]));
  }

  private async alone(item: Queued): Promise<void> {
    try {
      item.resolve(await this.db.transaction().execute((trx) => item.write(trx)));
    } catch (err) {
      item.reject(err);
    }
  }
}
