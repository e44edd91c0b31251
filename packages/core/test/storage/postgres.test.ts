import pg from 'pg';
import { sql } from 'kysely';
import type { StorageConfig } from '../../src/storage/index.js';
import type { StorageHarness } from './harness.js';
import { storageSuite } from './storage-suite.js';

const URL = process.env['CALLWIRE_TEST_PG_URL'] ?? 'postgres://callwire:callwire@127.0.0.1:5432/callwire_test';
const REQUIRED = process.env['CALLWIRE_REQUIRE_PG'] === '1';

/** Connect once with a short timeout; the reason it failed, or undefined when the server answers. */
async function unreachableReason(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    const reason = error instanceof AggregateError ? error.errors.map(String).join('; ') : String(error);
    return reason;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Run SQL as the test role on the test database, optionally inside `schema`. */
async function run(statement: string, schema?: string): Promise<void> {
  const client = new pg.Client({ connectionString: URL, ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('storage on PostgreSQL', function () {
  const schemas: string[] = [];
  const prefix = `cw_test_${process.pid}_${Date.now().toString(36)}`;

  before(async function () {
    const reason = await unreachableReason();
    if (reason === undefined) return;
    const where = URL.replace(/\/\/[^@/]*@/, '//***@');
    if (REQUIRED) throw new Error(`PostgreSQL at ${where} is required (CALLWIRE_REQUIRE_PG=1) but unreachable: ${reason}`);
    console.log(`    note: PostgreSQL storage tests skipped — no server at ${where} (${reason}); set CALLWIRE_TEST_PG_URL, or CALLWIRE_REQUIRE_PG=1 to fail instead`);
    this.skip();
  });

  after(async function () {
    if (schemas.length === 0) return;
    await run(schemas.map((schema) => `drop schema if exists ${schema} cascade;`).join('\n'));
  });

  const schemaOf = (config: StorageConfig): string => {
    if (config.driver !== 'postgres' || config.schema === undefined) throw new Error('not a PostgreSQL test config');
    return config.schema;
  };

  const harness: StorageHarness = {
    engine: 'postgres',
    fresh: async () => {
      const schema = `${prefix}_${schemas.length + 1}`;
      schemas.push(schema);
      return { driver: 'postgres', url: URL, schema };
    },
    exec: async (config, statement) => {
      const schema = schemaOf(config);
      await run(`create schema if not exists ${schema}`);
      await run(statement, schema);
    },
    unreachable: async () => ({
      driver: 'postgres',
      url: 'postgres://callwire:callwire@127.0.0.1:1/callwire_test',
      connectTimeoutMs: 2000,
    }),
    varcharSizes: async (storage) => {
      const columns = await sql<{ table_name: string; column_name: string; size: number }>`
        select table_name, column_name, character_maximum_length as size
        from information_schema.columns
        where table_schema = current_schema() and data_type = 'character varying'`.execute(storage.db);
      const sizes = new Map<string, Map<string, number>>();
      for (const column of columns.rows) {
        if (!sizes.has(column.table_name)) sizes.set(column.table_name, new Map());
        sizes.get(column.table_name)?.set(column.column_name, column.size);
      }
      return sizes;
    },
  };

  storageSuite(harness);
});
