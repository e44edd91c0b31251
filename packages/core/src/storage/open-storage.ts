import { sql, type Kysely } from 'kysely';
import { connect, type StorageConfig } from './connect.js';
import type { StorageDialect } from './dialect.js';
import { migrateToLatest } from './migrations/index.js';
import { AgentWindowRepository } from './repositories/agent-window-repository.js';
import { AuditRepository } from './repositories/audit-repository.js';
import { CallDetailRepository } from './repositories/call-detail-repository.js';
import { ChannelRepository } from './repositories/channel-repository.js';
import { GroupRepository } from './repositories/group-repository.js';
import { PhoneRepository } from './repositories/phone-repository.js';
import { RecordingRepository } from './repositories/recording-repository.js';
import { RoleRepository } from './repositories/role-repository.js';
import { StationRepository } from './repositories/station-repository.js';
import { TerminologyRepository } from './repositories/terminology-repository.js';
import { UserRepository } from './repositories/user-repository.js';
import { DirectoryCache, DirectoryChanges } from './directory-cache.js';
import type { Database } from './schema.js';

/** An open database with its schema up to date and one repository per table group. */
export interface Storage {
  readonly db: Kysely<Database>;
  readonly dialect: StorageDialect;
  readonly recordings: RecordingRepository;
  readonly users: UserRepository;
  readonly phones: PhoneRepository;
  readonly groups: GroupRepository;
  readonly roles: RoleRepository;
  readonly stations: StationRepository;
  readonly terminology: TerminologyRepository;
  readonly channels: ChannelRepository;
  readonly callDetails: CallDetailRepository;
  readonly audit: AuditRepository;
  readonly agentWindows: AgentWindowRepository;
  /** What each call reads of users, phones and stations, cached until they are written. */
  readonly directory: DirectoryCache;
  /** Resolves when the database answers a trivial query; throws StorageError otherwise. */
  ping(): Promise<void>;
  /** Close the database (idempotent). Later queries throw StorageError DATABASE_UNAVAILABLE. */
  close(): Promise<void>;
}

/**
 * Open (creating if needed) the database described by `config` and apply all
 * pending migrations.
 *
 * SQLite: creates the file's directory; WAL journal, foreign keys on, busy
 * timeout. PostgreSQL: a connection pool, BIGINT read as number.
 *
 * @throws StorageError DATABASE_UNAVAILABLE when the database cannot be opened or reached
 * @throws MigrationError naming the migration that failed
 */
export async function openStorage(config: StorageConfig): Promise<Storage> {
  const connection = await connect(config);
  const { db, dialect, driver } = connection;
  try {
    await migrateToLatest(db, connection.schema !== undefined ? { schema: connection.schema } : {});
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw error;
  }
  const changes = new DirectoryChanges();
  const users = new UserRepository(db, changes);
  const phones = new PhoneRepository(db, changes);
  const stations = new StationRepository(db, changes);
  return {
    db,
    dialect,
    recordings: new RecordingRepository(db, connection),
    users,
    phones,
    directory: new DirectoryCache({ users, phones, stations }, changes),
    groups: new GroupRepository(db),
    roles: new RoleRepository(db),
    stations,
    terminology: new TerminologyRepository(db),
    channels: new ChannelRepository(db),
    callDetails: new CallDetailRepository(db),
    audit: new AuditRepository(db),
    agentWindows: new AgentWindowRepository(db),
    async ping() {
      await sql`select 1`.execute(db);
    },
    close() {
      return driver.close();
    },
  };
}
