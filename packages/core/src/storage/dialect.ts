import { PostgresAdapter, type ColumnDataType, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/** The database engines Callwire stores its data in. */
export type StorageDialect = 'sqlite' | 'postgres';

/** Which engine a Kysely instance talks to. */
export function dialectOf(db: Kysely<any>): StorageDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

type ColumnBuild = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/**
 * The one place where DDL differs between engines: an auto-increment integer
 * primary key. SQLite needs exactly `integer primary key autoincrement` (so
 * ids are never reused); PostgreSQL uses an identity column.
 *
 * Use as `.addColumn('ident', ...idColumn(dialect, 'bigint'))`.
 */
export function idColumn(dialect: StorageDialect, size: 'integer' | 'bigint' = 'integer'): [ColumnDataType, ColumnBuild] {
  if (dialect === 'sqlite') {
    return ['integer', (column) => column.primaryKey().autoIncrement()];
  }
  return [size, (column) => column.primaryKey().generatedByDefaultAsIdentity()];
}
