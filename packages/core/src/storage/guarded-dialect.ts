import type {
  CompiledQuery,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { StorageError, toStorageError } from './errors.js';

type CompileQuery = QueryCompiler['compileQuery'];

/**
 * Wraps a Kysely dialect so that every error its driver throws becomes a
 * {@link StorageError} — the one place where driver errors are translated.
 * Failing to obtain a connection is DATABASE_UNAVAILABLE; a failing query is
 * QUERY_FAILED unless the error says the connection itself is gone.
 */
export class GuardedDialect implements Dialect {
  readonly #inner: Dialect;
  #driver: GuardedDriver | undefined;

  constructor(inner: Dialect) {
    this.#inner = inner;
  }

  /** The driver Kysely created from this dialect; used to close storage. */
  get driver(): GuardedDriver {
    if (this.#driver === undefined) throw new Error('GuardedDialect: no Kysely instance uses this dialect yet');
    return this.#driver;
  }

  createDriver(): Driver {
    this.#driver = new GuardedDriver(this.#inner.createDriver());
    return this.#driver;
  }

  createQueryCompiler(): QueryCompiler {
    return this.#inner.createQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return this.#inner.createAdapter();
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return this.#inner.createIntrospector(db);
  }
}

/**
 * A driver that delegates to the real one, translating errors and refusing
 * work once {@link GuardedDriver.close} has run.
 */
export class GuardedDriver implements Driver {
  readonly #inner: Driver;
  readonly #unwrap = new WeakMap<DatabaseConnection, DatabaseConnection>();
  readonly #wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  #closed: Promise<void> | undefined;

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  /** True once {@link close} has been called. */
  get closed(): boolean {
    return this.#closed !== undefined;
  }

  async init(): Promise<void> {
    try {
      await this.#inner.init();
    } catch (error) {
      throw toStorageError(error, true);
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.closed) throw new StorageError('DATABASE_UNAVAILABLE', 'database unavailable: storage is closed');
    let connection: DatabaseConnection;
    try {
      connection = await this.#inner.acquireConnection();
    } catch (error) {
      throw toStorageError(error, true);
    }
    return this.#wrap(connection);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return guard(() => this.#inner.beginTransaction(this.#raw(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return guard(() => this.#inner.commitTransaction(this.#raw(connection)));
  }

  /**
   * SQLite rolls a transaction back by itself when a statement fails with
   * SQLITE_FULL (and some I/O errors); the ROLLBACK that follows then fails
   * with "no transaction is active" and would hide the real cause. The
   * transaction is over either way, so that failure is not an error.
   */
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.#inner.rollbackTransaction(this.#raw(connection));
    } catch (error) {
      if (error instanceof Error && /cannot rollback - no transaction is active/.test(error.message)) return;
      throw toStorageError(error);
    }
  }

  savepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    return guard(() => required(this.#inner.savepoint, 'savepoint').call(this.#inner, this.#raw(connection), name, compile));
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    const rollback = required(this.#inner.rollbackToSavepoint, 'rollbackToSavepoint');
    return guard(() => rollback.call(this.#inner, this.#raw(connection), name, compile));
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    const release = required(this.#inner.releaseSavepoint, 'releaseSavepoint');
    return guard(() => release.call(this.#inner, this.#raw(connection), name, compile));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return guard(() => this.#inner.releaseConnection(this.#raw(connection)));
  }

  /** Called by `Kysely.destroy()`; same as {@link close}. */
  destroy(): Promise<void> {
    return this.close();
  }

  /** Close the underlying database once; later queries fail with DATABASE_UNAVAILABLE. */
  close(): Promise<void> {
    this.#closed ??= guard(() => this.#inner.destroy());
    return this.#closed;
  }

  #raw(connection: DatabaseConnection): DatabaseConnection {
    return this.#unwrap.get(connection) ?? connection;
  }

  #wrap(connection: DatabaseConnection): DatabaseConnection {
    const known = this.#wrapped.get(connection);
    if (known !== undefined) return known;
    const wrapped: DatabaseConnection = {
      executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        return guard(() => connection.executeQuery<R>(query));
      },
      async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
        try {
          yield* connection.streamQuery<R>(query, chunkSize);
        } catch (error) {
          throw toStorageError(error);
        }
      },
    };
    this.#wrapped.set(connection, wrapped);
    this.#unwrap.set(wrapped, connection);
    return wrapped;
  }
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStorageError(error);
  }
}

function required<T>(method: T | undefined, name: string): T {
  if (method === undefined) throw new StorageError('QUERY_FAILED', `the database driver does not support ${name}`);
  return method;
}
