import assert from 'node:assert/strict';
import { sql } from 'kysely';
import {
  COLUMN_SIZES,
  MIGRATIONS,
  MigrationError,
  StorageError,
  migrateToLatest,
  openStorage,
  type Storage,
  type StorageConfig,
} from '../../../src/storage/index.js';
import { useStorage, type StorageHarness } from '../harness.js';

const TABLES = [
  'recordings', 'users', 'agent_phones', 'groups', 'group_members', 'group_devices', 'roles',
  'role_permissions', 'role_groups', 'user_roles', 'stations', 'terminology', 'channels',
  'agent_windows', 'audit_log', 'call_details',
] as const;

/** Asserts that `promise` rejects with a StorageError of the given code. */
export async function rejectsWithStorageError(promise: Promise<unknown>, code: StorageError['code']): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof StorageError, `expected a StorageError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

function schemaOf(config: StorageConfig): { schema?: string } {
  return config.driver === 'postgres' && config.schema !== undefined ? { schema: config.schema } : {};
}

async function appliedMigrations(storage: Storage): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(storage.db);
  return rows.rows.map((row) => row.name);
}

export function lifecycleSuite(harness: StorageHarness): void {
  describe('opening, migrations and failures', () => {
    const context = useStorage(harness);

    it('applies every migration and creates every table', async () => {
      const { storage } = context;
      assert.equal(storage.dialect, harness.engine);
      assert.deepEqual(await appliedMigrations(storage), Object.keys(MIGRATIONS).sort());
      for (const table of TABLES) {
        const count = await storage.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.equal(typeof Number(count.n), 'number', table);
      }
    });

    it('is idempotent on reopen: nothing re-applied, data and the single admin kept', async () => {
      const { storage, config } = context;
      const userId = await storage.users.add({ first_name: 'Sally', last_name: 'Smith' });
      await storage.close();
      const again = await openStorage(config);
      try {
        assert.deepEqual(await migrateToLatest(again.db, schemaOf(config)), []);
        assert.deepEqual(await appliedMigrations(again), Object.keys(MIGRATIONS).sort());
        assert.equal((await again.users.findById(userId))?.last_name, 'Smith');
        const admins = (await again.users.list()).filter((user) => user.first_name === 'CallCopy');
        assert.equal(admins.length, 1);
      } finally {
        await again.close();
      }
    });

    it('seeds the built-in administrator as USER_ID 1; the next user gets 2', async () => {
      const { storage } = context;
      const admin = await storage.users.findById(1);
      assert.ok(admin);
      assert.equal(admin.username, 'admin');
      assert.equal(admin.first_name, 'CallCopy');
      assert.equal(admin.last_name, 'Admin');
      assert.equal(admin.agent, false);
      assert.equal(admin.status, 'A');
      assert.equal(admin.deleted, false);
      assert.equal(await storage.users.add({ first_name: 'John', last_name: 'Doe' }), 2);
    });

    it('declares every varchar with the size writes are checked against', async () => {
      const declared = await harness.varcharSizes(context.storage);
      for (const [table, columns] of Object.entries(COLUMN_SIZES)) {
        for (const [column, size] of Object.entries(columns)) {
          assert.equal(declared.get(table)?.get(column), size, `${table}.${column}`);
        }
      }
      assert.equal(declared.get('recordings')?.get('user3'), 20);
      assert.equal(declared.get('recordings')?.get('user4'), 255);
      assert.equal(declared.get('recordings')?.get('user9'), 50);
      assert.equal(declared.get('recordings')?.get('device_id'), 64);
    });

    it('names the migration that failed and leaves nothing half-applied', async () => {
      const { storage, config } = context;
      const broken = {
        ...MIGRATIONS,
        '9999_broken': {
          async up(db: Parameters<typeof migrateToLatest>[0]) {
            await db.schema.createTable('half_made').addColumn('id', 'integer').execute();
            await sql`select * from no_such_table`.execute(db);
          },
        },
      };
      await assert.rejects(migrateToLatest(storage.db, { ...schemaOf(config), migrations: broken }), (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.equal(error.migration, '9999_broken');
        assert.match(error.message, /9999_broken/);
        return true;
      });
      await rejectsWithStorageError(sql`select * from half_made`.execute(storage.db), 'QUERY_FAILED');
      assert.deepEqual(await appliedMigrations(storage), Object.keys(MIGRATIONS).sort());
    });

    it('openStorage throws an error naming the migration when the database is in the way', async () => {
      const config = await harness.fresh();
      await harness.exec(config, 'create table users (id integer)');
      await assert.rejects(openStorage(config), (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.equal(error.migration, '0001_directory');
        return true;
      });
    });

    it('answers ping, and throws DATABASE_UNAVAILABLE once closed', async () => {
      const { storage } = context;
      await storage.ping();
      await storage.close();
      await storage.close();
      await rejectsWithStorageError(storage.ping(), 'DATABASE_UNAVAILABLE');
      await rejectsWithStorageError(storage.users.findById(1), 'DATABASE_UNAVAILABLE');
      await rejectsWithStorageError(storage.recordings.list(), 'DATABASE_UNAVAILABLE');
    });

    it('throws DATABASE_UNAVAILABLE when the database cannot be reached', async () => {
      await rejectsWithStorageError(openStorage(await harness.unreachable()), 'DATABASE_UNAVAILABLE');
    });

    it('throws QUERY_FAILED when the database refuses a write (foreign keys enforced)', async () => {
      await rejectsWithStorageError(context.storage.phones.add('5555', 999), 'QUERY_FAILED');
      assert.equal(await context.storage.phones.ownerOf('5555'), undefined);
    });
  });
}
