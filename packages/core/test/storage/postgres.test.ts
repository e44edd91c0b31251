import pg from 'pg';
import { sql } from 'kysely';
import assert from 'node:assert/strict';
import { openStorage, type StorageConfig } from '../../src/storage/index.js';
import type { StorageHarness } from './harness.js';
import { storageSuite } from './storage-suite.js';
import { WriteBatcher } from '../../src/storage/write-batcher.js';

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

  describe('the Recording writes on PostgreSQL', () => {
    it('are prepared statements: parsed once per connection, then only bound and run', async () => {
      // one connection, so the check reads the session that prepared them
      const storage = await openStorage({ ...(await harness.fresh()), poolSize: 1 } as StorageConfig);
      try {
        const ident = await storage.recordings.insertOpen({ device_id: '7001', start_time: 1_700_000_000_000 });
        await storage.recordings.update(ident, { user1: 'Gold' });
        await storage.recordings.complete(ident, { stop_time: 1_700_000_005_000 });
        const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'callwire_%'`.execute(storage.db);
        assert.deepEqual(prepared.rows.map((row) => row.statement.split(' ')[0]).sort(), ['insert', 'update', 'update']);
        const row = await storage.recordings.findByIdent(ident);
        assert.deepEqual([row?.user1, row?.state, row?.duration], ['Gold', 'complete', 5]);
      } finally {
        await storage.close();
      }
    });

    it('to one row wait for that row\'s earlier writes, while others commit beside them', async () => {
      const storage = await openStorage({ ...(await harness.fresh()), poolSize: 4 } as StorageConfig);
      try {
        const writes = new WriteBatcher(storage.db, { lanes: 2 });
        let open!: () => void;
        const gate = new Promise<void>((resolve) => (open = resolve));
        const ran: string[] = [];
        const held = writes.run(async () => {
          await gate;
          ran.push('row 2, first');
        }, 2);
        const second = writes.run(async () => void ran.push('row 2, second'), 2);
        // a new row takes the lane with nothing waiting, and commits while row 2's first write is held
        await writes.run(async (trx) => void ran.push(`new row ${(await sql<{ one: number }>`select 1 as one`.execute(trx)).rows[0]!.one}`));
        assert.deepEqual(ran, ['new row 1']);
        open();
        await Promise.all([held, second]);
        assert.deepEqual(ran, ['new row 1', 'row 2, first', 'row 2, second']);
      } finally {
        await storage.close();
      }
    });
  });
});
