import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { openStorage, type Storage, type StorageConfig } from '../../src/storage/index.js';
import type { StorageHarness } from './harness.js';
import { storageSuite } from './storage-suite.js';

describe('storage on SQLite', function () {
  let dir = '';
  let count = 0;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'callwire-storage-'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const pathOf = (config: StorageConfig): string => {
    if (config.driver !== 'sqlite') throw new Error('not a SQLite config');
    return config.path;
  };

  const harness: StorageHarness = {
    engine: 'sqlite',
    // A directory that does not exist yet: openStorage must create it.
    fresh: async () => ({ driver: 'sqlite', path: join(dir, `db${++count}`, 'nested', 'callwire.db') }),
    exec: async (config, statement) => {
      const path = pathOf(config);
      await mkdir(dirname(path), { recursive: true });
      const database = new BetterSqlite3(path);
      try {
        database.exec(statement);
      } finally {
        database.close();
      }
    },
    unreachable: async () => {
      // The parent "directory" is a regular file: the database cannot be created.
      const blocker = join(dir, `blocker${++count}`);
      await writeFile(blocker, 'not a directory');
      return { driver: 'sqlite', path: join(blocker, 'callwire.db') };
    },
    varcharSizes: async (storage) => {
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(storage.db);
      const sizes = new Map<string, Map<string, number>>();
      for (const { name } of tables.rows) {
        const columns = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${name})`.execute(storage.db);
        for (const column of columns.rows) {
          const match = /^varchar\((\d+)\)$/i.exec(column.type);
          if (match === null) continue;
          if (!sizes.has(name)) sizes.set(name, new Map());
          sizes.get(name)?.set(column.name, Number(match[1]));
        }
      }
      return sizes;
    },
  };

  storageSuite(harness);

  describe('SQLite specifics', () => {
    let storage: Storage | undefined;
    afterEach(async () => {
      await storage?.close();
      storage = undefined;
    });

    it('uses WAL journaling, foreign keys and a busy timeout', async () => {
      storage = await openStorage(await harness.fresh());
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(storage.db);
      assert.equal(journal.rows[0]?.journal_mode, 'wal');
      const keys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(storage.db);
      assert.equal(keys.rows[0]?.foreign_keys, 1);
      const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(storage.db);
      assert.ok((busy.rows[0]?.timeout ?? 0) > 0);
    });

    it("opens ':memory:' for quick use, with the administrator seeded", async () => {
      storage = await openStorage({ driver: 'sqlite', path: ':memory:' });
      assert.equal(storage.dialect, 'sqlite');
      assert.equal((await storage.users.findById(1))?.first_name, 'CallCopy');
    });
  });
});
