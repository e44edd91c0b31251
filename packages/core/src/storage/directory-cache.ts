import type { PhoneRepository } from './repositories/phone-repository.js';
import type { Station, StationRepository } from './repositories/station-repository.js';
import type { User, UserRepository } from './repositories/user-repository.js';

/** Counts the writes to the directory tables (users, agent_phones, stations): each one bumps it once committed or failed. */
export class DirectoryChanges {
  private count = 0;

  get version(): number {
    return this.count;
  }

  /** Runs a write, then counts it (also when it failed: part of it may have landed). */
  async write<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.count++;
    }
  }
}

/** How long a cached answer may be kept when nothing writes through this process (a change made in the database by hand shows within it). */
const MAX_AGE_MS = 60_000;
/** Answers kept at most, per kind, before the cache starts over. */
const MAX_ENTRIES = 100_000;

/**
 * What each CALLSTART reads of the directory — the device's station, the
 * phone's owner, the owner's user row — kept in memory, so a call costs no
 * directory round trip once its device has been seen. Every directory write
 * this process makes (the only writer in a deployment; in a cluster, the
 * engine node, where every such request is answered) empties it, and it
 * starts over at least every minute. Misses are cached too (most devices
 * have no station); a failed read is not kept.
 */
export class DirectoryCache {
  private readonly stations = new Map<string, Promise<Station | undefined>>();
  private readonly owners = new Map<string, Promise<number | undefined>>();
  private readonly users = new Map<number, Promise<User | undefined>>();
  private version: number;
  private since: number;

  constructor(
    private readonly repositories: { readonly stations: StationRepository; readonly phones: PhoneRepository; readonly users: UserRepository },
    private readonly changes: DirectoryChanges,
    private readonly now: () => number = Date.now,
  ) {
    this.version = changes.version;
    this.since = now();
  }

  stationOf(deviceId: string): Promise<Station | undefined> {
    return this.read(this.stations, deviceId, () => this.repositories.stations.byDevice(deviceId));
  }

  ownerOf(phoneId: string): Promise<number | undefined> {
    return this.read(this.owners, phoneId, () => this.repositories.phones.ownerOf(phoneId));
  }

  user(userId: number): Promise<User | undefined> {
    return this.read(this.users, userId, () => this.repositories.users.findById(userId));
  }

  private read<K, V>(map: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
    this.startOverIfStale();
    let answer = map.get(key);
    if (answer === undefined) {
      if (map.size >= MAX_ENTRIES) map.clear();
      answer = load();
      map.set(key, answer);
      answer.catch(() => {
        if (map.get(key) === answer) map.delete(key);
      });
    }
    return answer;
  }

  private startOverIfStale(): void {
    const now = this.now();
    if (this.version === this.changes.version && now - this.since < MAX_AGE_MS) return;
    this.stations.clear();
    this.owners.clear();
    this.users.clear();
    this.version = this.changes.version;
    this.since = now;
  }
}
