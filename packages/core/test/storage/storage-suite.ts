import type { StorageHarness } from './harness.js';
import { directorySuite } from './suite/directory.js';
import { directoryCacheSuite } from './suite/directory-cache.js';
import { lifecycleSuite } from './suite/lifecycle.js';
import { recordingSuite } from './suite/recordings.js';
import { statusSuite } from './suite/status.js';

/** Every storage test, run once per engine by sqlite.test.ts and postgres.test.ts. */
export function storageSuite(harness: StorageHarness): void {
  lifecycleSuite(harness);
  recordingSuite(harness);
  directorySuite(harness);
  directoryCacheSuite(harness);
  statusSuite(harness);
}
