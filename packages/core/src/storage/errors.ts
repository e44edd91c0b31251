/**
 * Errors raised by the storage layer.
 *
 * - {@link StorageError}: the database driver failed (the API answers
 *   API_DATABASE_QUERY_ERROR). Every driver error is wrapped into one of these
 *   in a single place, the guarded driver (see `guarded-dialect.ts`).
 * - {@link ConflictError}: the data refuses the write (a phone already owned by
 *   another user, a user with the same name) — the API answers with the
 *   function's own result code.
 * - {@link InvalidFieldError}: a caller asked to look up by a column that is
 *   not allowed (for example a UNIQUEFIELD that is not a Recording column).
 * - {@link MigrationError}: a schema migration failed while opening storage.
 */

/** Why the database could not do what was asked. */
export type StorageErrorCode = 'DATABASE_UNAVAILABLE' | 'QUERY_FAILED';

/** The database driver failed: the server is unreachable, closed, or the query was refused. */
export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What a {@link ConflictError} is about. */
export type ConflictSubject = 'user' | 'phone' | 'role';

/** A write refused because the data already says otherwise; nothing was changed. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';

  /**
   * @param subject what kind of record conflicts
   * @param key the value that conflicts (a phone id, a user name)
   * @param existingId the user id that already holds the value, when known
   */
  constructor(
    readonly subject: ConflictSubject,
    readonly key: string,
    readonly existingId: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** A lookup named a column that is not on the allowed list. */
export class InvalidFieldError extends Error {
  override readonly name = 'InvalidFieldError';

  constructor(readonly field: string, allowed: readonly string[]) {
    super(`"${field}" is not a field that can be searched; allowed: ${allowed.join(', ')}`);
  }
}

/** A schema migration failed; `migration` names it. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';

  constructor(readonly migration: string, cause: unknown) {
    super(`storage migration "${migration}" failed: ${describe(cause)}`, { cause });
  }
}

/** Error codes of node sockets and PostgreSQL that mean "the server is not there". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: the database does not exist
  '28P01', // invalid_password
  '28000', // invalid_authorization_specification
  'SQLITE_CANTOPEN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_READONLY',
  'SQLITE_FULL',
]);

const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /database connection is not open/i,
  /pool after calling end/i,
  /timeout exceeded when trying to connect/i,
  /has already been destroyed/i,
];

/** The driver's error code (`SQLITE_…`, a PostgreSQL SQLSTATE, or a node errno name). */
export function driverCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether a driver error says the database cannot be reached rather than that one query failed. */
export function isUnavailable(error: unknown): boolean {
  const code = driverCode(error);
  if (code !== undefined && (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || code.startsWith('SQLITE_IOERR'))) {
    return true;
  }
  if (error instanceof AggregateError) return error.errors.some(isUnavailable);
  const message = error instanceof Error ? error.message : String(error);
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/** Whether an error (or the driver error a StorageError wraps) is a UNIQUE or PRIMARY KEY violation. */
export function isUniqueViolation(error: unknown): boolean {
  const cause = error instanceof StorageError ? error.cause : error;
  const code = driverCode(cause);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Turn whatever a driver threw into a {@link StorageError}.
 * @param error the driver's error
 * @param connecting true when the error happened while obtaining a connection
 */
export function toStorageError(error: unknown, connecting = false): StorageError {
  if (error instanceof StorageError) return error;
  const code: StorageErrorCode = connecting || isUnavailable(error) ? 'DATABASE_UNAVAILABLE' : 'QUERY_FAILED';
  const prefix = code === 'DATABASE_UNAVAILABLE' ? 'database unavailable' : 'database query failed';
  return new StorageError(code, `${prefix}: ${describe(error)}`, { cause: error });
}

/** A one-line description of an error, including the codes a driver attaches. */
export function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(describe).join('; ');
  }
  if (!(error instanceof Error)) return String(error);
  const code = driverCode(error);
  const message = error.message || error.name;
  const described = code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
  // SQLite says "database or disk is full"; operators search their logs for the errno
  return (code === 'SQLITE_FULL' || code === '53100') && !described.includes('ENOSPC') ? `${described}: no space left on device (ENOSPC)` : described;
}
