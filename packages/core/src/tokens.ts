/**
 * Service identifiers of the core's extension points and shared services.
 * Each is a Symbol; where an interface has the same role it has the same name.
 */
export const TOKENS = {
  /** The root pino logger (`Logger`). */
  Logger: Symbol.for('callwire.Logger'),
  /** The `Clock` every time decision reads. */
  Clock: Symbol.for('callwire.Clock'),
  /** The open `Storage` (repositories over SQLite or PostgreSQL). */
  Storage: Symbol.for('callwire.Storage'),
} as const;
