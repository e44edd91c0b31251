import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

type Write<T> = (trx: Transaction<Database>) => Promise<T>;
interface Queued {
  readonly write: Write<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the engine's hot writes (a recording's row at start, its
 * updates, its completion). Writes asked for while a commit is in progress,
 * or in the same tick, go out together in one transaction: under load many
 * rows share one commit (one WAL flush) instead of one autocommit each, and
 * an idle server writes at once. Each caller still gets its own result; if a
 * batch fails, its writes are retried one by one so one bad write cannot sink
 * the others.
 */
export class WriteBatcher {
  private queue: Queued[] = [];
  private flushing = false;

  constructor(private readonly db: Kysely<Database>, private readonly maxBatch = 256) {}

  run<T>(write: Write<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      if (batch.length === 1) await this.alone(batch[0]!);
      else await this.together(batch);
    }
    this.flushing = false;
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
