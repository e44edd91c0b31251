import type pg from 'pg';

/** Names given at most: each connection keeps every statement it prepared. */
const MOST_NAMES = 64;

/**
 * The SQL texts PostgreSQL should prepare once per connection and then only
 * bind and execute — the engine's hot writes, run thousands of times an
 * hour. Kysely sends every query unnamed, which PostgreSQL parses and plans
 * anew each time; a client of a pool that {@link PreparedStatements.serve}s
 * sends a marked text as a named statement instead.
 */
export class PreparedStatements {
  private readonly names = new Map<string, string>();

  /** Marks `text` to be prepared (ignored once the most names are given). */
  mark(text: string): void {
    if (!this.names.has(text) && this.names.size < MOST_NAMES) this.names.set(text, `callwire_${this.names.size + 1}`);
  }

  /** Makes `client` send the marked texts as named statements. */
  serve(client: pg.PoolClient): void {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      const name = typeof config === 'string' ? this.names.get(config) : undefined;
      if (name === undefined) return query(config, values, callback);
      return query({ name, text: config, values }, callback);
    }) as typeof client.query;
  }
}
