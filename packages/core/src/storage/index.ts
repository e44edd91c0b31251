/**
 * Public storage API: one Kysely schema on SQLite or PostgreSQL, its
 * migrations, and the repositories the engine and handlers use.
 */
export { openStorage, type Storage } from './open-storage.js';
export { DirectoryCache, DirectoryChanges } from './directory-cache.js';
export type { StorageConfig } from './connect.js';
export type { StorageDialect } from './dialect.js';
export type * from './schema.js';
export { MIGRATIONS, migrateToLatest, StaticMigrationProvider } from './migrations/index.js';
export { COLUMN_SIZES, ValueTooLongError } from './column-sizes.js';
export {
  StorageError,
  ConflictError,
  InvalidFieldError,
  MigrationError,
  type StorageErrorCode,
  type ConflictSubject,
} from './errors.js';
export { RecordingRepository, type RecordingFilter, type RecordingWithAgent } from './repositories/recording-repository.js';
export {
  RECORDING_UNIQUE_FIELDS,
  recordingFieldFor,
  type RecordingUniqueField,
  type Recording,
  type NewRecording,
  type RecordingUpdate,
  type RecordingCompletion,
  type BlackoutPeriod,
} from './repositories/recording-fields.js';
export {
  UserRepository,
  USER_LOOKUP_FIELDS,
  userFieldFor,
  type User,
  type UserListing,
  type NewUser,
  type UserChanges,
  type UserLookupField,
} from './repositories/user-repository.js';
export { PhoneRepository } from './repositories/phone-repository.js';
export { GroupRepository, type Group, type GroupAssignment } from './repositories/group-repository.js';
export { RoleRepository, type Role } from './repositories/role-repository.js';
export { StationRepository, type Station } from './repositories/station-repository.js';
export { TerminologyRepository, type Term } from './repositories/terminology-repository.js';
export { ChannelRepository, type Channel, type ChannelWrite } from './repositories/channel-repository.js';
export { AgentWindowRepository, type AgentWindow } from './repositories/agent-window-repository.js';
export { AuditRepository, type AuditEntry, type NewAuditEntry, type AuditFilter } from './repositories/audit-repository.js';
export {
  CallDetailRepository,
  type CallDetail,
  type NewCallDetail,
  type CallDetailFilter,
} from './repositories/call-detail-repository.js';
