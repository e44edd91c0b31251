import type BetterSqlite3 from 'better-sqlite3';

/**
 * Makes `database.prepare` reuse statements by SQL text. Kysely prepares
 * every query it runs; for CALLLIST-sized queries SQLite's prepare costs as
 * much as running them, and the engine runs the same few queries all day.
 * Safe because better-sqlite3 runs statements synchronously and Kysely never
 * keeps one iterating while it prepares another with the same text.
 */
export function cacheStatements(database: BetterSqlite3.Database, size = 256): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) return statement;
    statement = prepare(source);
    if (cache.size >= size) cache.delete(cache.keys().next().value!);
    cache.set(source, statement);
    return statement;
  }) as BetterSqlite3.Database['prepare'];
  return database;
}
