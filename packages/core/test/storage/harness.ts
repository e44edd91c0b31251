import { after, afterEach, beforeEach } from 'mocha';
import { openStorage, type Storage, type StorageConfig } from '../../src/storage/index.js';

/** What a storage suite needs from an engine: fresh empty databases and a way to reach them. */
export interface StorageHarness {
  readonly engine: 'sqlite' | 'postgres';
  /** Config of a new, empty database (a fresh file or a fresh schema). */
  fresh(): Promise<StorageConfig>;
  /** Run raw SQL on a database before storage opens it (to set up broken states). */
  exec(config: StorageConfig, statement: string): Promise<void>;
  /** Config of a database that cannot be reached. */
  unreachable(): Promise<StorageConfig>;
  /** Declared varchar sizes: table → column → length. */
  varcharSizes(storage: Storage): Promise<Map<string, Map<string, number>>>;
}

/** Open a fresh storage before each test of the calling suite and close it after. */
export function useStorage(harness: StorageHarness): { readonly storage: Storage; readonly config: StorageConfig } {
  let current: { storage: Storage; config: StorageConfig } | undefined;
  const opened: Storage[] = [];
  beforeEach(async () => {
    const config = await harness.fresh();
    const storage = await openStorage(config);
    opened.push(storage);
    current = { storage, config };
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((storage) => storage.close()));
  });
  after(() => {
    current = undefined;
  });
  return {
    get storage() {
      if (current === undefined) throw new Error('storage is only available inside a test');
      return current.storage;
    },
    get config() {
      if (current === undefined) throw new Error('storage is only available inside a test');
      return current.config;
    },
  };
}
