import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type DialectAdapter } from 'kysely';
import pg from 'pg';
import { StorageError, toStorageError } from './errors.js';
import { GuardedDialect, type GuardedDriver } from './guarded-dialect.js';
import type { StorageDialect } from './dialect.js';
import type { Database } from './schema.js';
import { PreparedStatements } from './prepared-statements.js';
import { cacheStatements } from './statement-cache.js';

/** Where the data lives. SQLite `path` may be ':memory:' for a throw-away database. */
export type StorageConfig =
  | { driver: 'sqlite'; path: string; busyTimeoutMs?: number }
  | {
      driver: 'postgres';
      url: string;
      /** Schema to use (created if missing); default `public`. */
      schema?: string;
      /** Most connections in the pool; default 10. */
      poolSize?: number;
      /** How long to wait for a connection; default 5000 ms. */
      connectTimeoutMs?: number;
    };

/** A Kysely instance plus what is needed to close it. */
export interface Connection {
  db: Kysely<Database>;
  dialect: StorageDialect;
  driver: GuardedDriver;
  /** PostgreSQL schema in use (undefined for SQLite). */
  schema: string | undefined;
  /** PostgreSQL: the texts its connections prepare (undefined for SQLite, whose statements are cached anyway). */
  prepared: PreparedStatements | undefined;
  /**
   * Transactions of the engine's hot writes in flight at once: 1 on SQLite
   * (one connection); on PostgreSQL up to 4, half the pool at most, so one
   * commit's round trips overlap another's and reads keep connections.
   */
  writeLanes: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const PG_INT8 = 20;

/** Open the database described by `config` (no migrations). */
export async function connect(config: StorageConfig): Promise<Connection> {
  return config.driver === 'sqlite' ? connectSqlite(config) : connectPostgres(config);
}

function connectSqlite(config: Extract<StorageConfig, { driver: 'sqlite' }>): Connection {
  let database: BetterSqlite3.Database;
  try {
    if (config.path !== ':memory:' && config.path !== '') mkdirSync(dirname(config.path), { recursive: true });
    database = new BetterSqlite3(config.path, { timeout: config.busyTimeoutMs ?? 5000 });
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    throw toStorageError(error, true);
  }
  const dialect = new GuardedDialect(new TransactionalSqliteDialect({ database: cacheStatements(database) }));
  const db = new Kysely<Database>({ dialect });
  return { db, dialect: 'sqlite', driver: dialect.driver, schema: undefined, prepared: undefined, writeLanes: 1 };
}

async function connectPostgres(config: Extract<StorageConfig, { driver: 'postgres' }>): Promise<Connection> {
  const schema = config.schema ?? 'public';
  if (!IDENTIFIER.test(schema)) {
    throw new StorageError('DATABASE_UNAVAILABLE', `invalid PostgreSQL schema name "${schema}"`);
  }
  // BIGINT (times in ms, idents, counts) as numbers, on this pool only.
  const types = new pg.TypeOverrides();
  types.setTypeParser(PG_INT8, (value: string) => Number(value));
  const poolSize = config.poolSize ?? 10;
  const pool = new pg.Pool({
    connectionString: config.url,
    max: poolSize,
    connectionTimeoutMillis: config.connectTimeoutMs ?? 5000,
    application_name: 'callwire',
    options: `-c search_path=${schema}`,
    types,
  });
  // An idle client losing its server emits 'error' on the pool; without a
  // listener that would crash the process. The next query reports it instead.
  pool.on('error', () => undefined);
  // A client checked out of the pool (inside a transaction, between two
  // queries) has no pool listener: its 'error' would crash the process when
  // the server restarts. Its current or next query fails with the cause.
  const prepared = new PreparedStatements();
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    prepared.serve(client);
  });
  const dialect = new GuardedDialect(new PostgresDialect({ pool }));
  const db = new Kysely<Database>({ dialect });
  const connection: Connection = { db, dialect: 'postgres', driver: dialect.driver, schema, prepared, writeLanes: Math.max(1, Math.min(4, Math.floor(poolSize / 2))) };
  if (schema !== 'public') {
    try {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    } catch (error) {
      await connection.driver.close().catch(() => undefined);
      throw error;
    }
  }
  return connection;
}

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter does not claim
 * it; claiming it makes the Migrator apply pending migrations atomically, as
 * it does on PostgreSQL, so a failed migration leaves no half-made tables.
 */
class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
