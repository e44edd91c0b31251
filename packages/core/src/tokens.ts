/**
 * Service identifiers of the core's extension points and shared services.
 * Each is a Symbol; where an interface has the same role it has the same name.
 */
export const TOKENS = {
  /** The root pino logger (`Logger`). */
  Logger: Symbol.for('callwire.Logger'),
  /** The `Clock` every time decision reads. */
  Clock: Symbol.for('callwire.Clock'),
  /** The engine's `Timers` (MAXRECORDTIME, TIMEOFFSET, core time limits, retries); pending ones are cancelled at stop. */
  Timers: Symbol.for('callwire.Timers'),
  /** The open `Storage` (repositories over SQLite or PostgreSQL). */
  Storage: Symbol.for('callwire.Storage'),
  /** The `EventBus` every documented event is published on. */
  EventBus: Symbol.for('callwire.EventBus'),
  /** The `CallSnapshotSource`: current calls as events, for subscribers that ask for a snapshot. */
  CallSnapshotSource: Symbol.for('callwire.CallSnapshotSource'),
  /** The deployment's `EngineSettings` (paths and limits from config). */
  Settings: Symbol.for('callwire.Settings'),
  /** The deployment's `ApiTimeFormat` (timezone-aware M/D/YYYY h:mm:ss AM). */
  TimeFormat: Symbol.for('callwire.TimeFormat'),
  /** Optional `RecordingFileSource`: copies of recordings whose files are on another machine (a cluster's remote cores). */
  RecordingFileSource: Symbol.for('callwire.RecordingFileSource'),
} as const;
