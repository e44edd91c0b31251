import assert from 'node:assert/strict';
import { DirectoryCache, DirectoryChanges, PhoneRepository, StationRepository, UserRepository } from '../../../src/storage/index.js';
import { useStorage, type StorageHarness } from '../harness.js';

/**
 * The directory each CALLSTART reads, from memory. A change made behind the
 * repositories' back (raw SQL, here) shows whether an answer came from the
 * cache or from the database.
 */
export function directoryCacheSuite(harness: StorageHarness): void {
  describe('the directory cache (what each call reads of stations, phones and users)', () => {
    const context = useStorage(harness);
    const sally = { username: 'Sally Smith', first_name: 'Sally', last_name: 'Smith', agent: true, status: 'A' as const };

    it('answers from memory, misses too, until a directory write through the repositories starts it over', async () => {
      const { stations, phones, users, directory, db } = context.storage;
      await stations.replace('7001', 'WS-1');
      const id = await users.add(sally, 1000, ['7001']);
      assert.equal((await directory.stationOf('7001'))?.station_name, 'WS-1');
      assert.equal(await directory.ownerOf('7001'), id);
      assert.equal((await directory.user(id))?.first_name, 'Sally');
      assert.equal(await directory.ownerOf('7002'), undefined);

      await db.deleteFrom('stations').execute();
      await db.insertInto('agent_phones').values({ phone_id: '7002', user_id: id }).execute();
      assert.equal((await directory.stationOf('7001'))?.station_name, 'WS-1', 'cached: the raw delete is not seen');
      assert.equal(await directory.ownerOf('7002'), undefined, 'a miss is cached too');

      await phones.add('7003', id);
      assert.equal(await directory.stationOf('7001'), undefined, 'a write started it over');
      assert.equal(await directory.ownerOf('7002'), id);
    });

    it('starts over when a write fails (part of it may have landed), and after a minute however quiet', async () => {
      const { db } = context.storage;
      let now = 0;
      const changes = new DirectoryChanges();
      const stations = new StationRepository(db, changes);
      const phones = new PhoneRepository(db, changes);
      const directory = new DirectoryCache({ stations, phones, users: new UserRepository(db, changes) }, changes, () => now);
      await stations.replace('7101', 'WS-A');
      assert.equal((await directory.stationOf('7101'))?.station_name, 'WS-A');
      await db.updateTable('stations').set({ station_name: 'WS-B' }).execute();
      await assert.rejects(phones.add('7101', 999_999)); // no such user
      assert.equal((await directory.stationOf('7101'))?.station_name, 'WS-B');
      await db.updateTable('stations').set({ station_name: 'WS-C' }).execute();
      now += 59_999;
      assert.equal((await directory.stationOf('7101'))?.station_name, 'WS-B');
      now += 1;
      assert.equal((await directory.stationOf('7101'))?.station_name, 'WS-C');
    });
  });
}
