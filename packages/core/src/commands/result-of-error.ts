import { callErrorResult } from '@callwire/plugin-api';
import type { Logger } from 'pino';
import { CallError } from '../calls/call-error.js';
import { DirectoryError, type DirectoryErrorReason } from '../directory/directory-error.js';
import { MediaExportError } from '../media/media-export-error.js';
import { apiResult, type ApiResult } from '../protocol/api-result.js';
import type { ResultType } from '../protocol/result-codes.js';
import { ValueTooLongError } from '../storage/column-sizes.js';
import { ConflictError, driverCode, InvalidFieldError, StorageError, type ConflictSubject } from '../storage/errors.js';
import { ApiError } from './api-error.js';
import { MailDeliveryError } from './email/mail-sender.js';

/**
 * The one place where an error becomes a result code. Handlers throw domain
 * errors; the dispatcher answers them with this, on every door (XML over TCP,
 * the WebAPI with its file functions), so the same failure gets the same RESULTCODE and RESULTMSG
 * wherever it was asked. A CallError's code comes from plugin-api's
 * CALL_ERROR_RESULTS, which input plugins answer their PBX with too.
 */

const DIRECTORY_RESULTS: Readonly<Record<DirectoryErrorReason, ResultType>> = {
  USER_ALREADY_EXISTS: 'API_USER_ALREADY_EXIST',
  USER_NOT_FOUND: 'API_USER_NOT_FOUND',
  AGENT_NOT_FOUND: 'API_AGENT_NOT_FOUND',
  PHONE_IN_USE: 'API_PHONEID_IN_USE',
  NO_GROUP: 'API_NO_GROUP',
  ROLE_ALREADY_EXISTS: 'API_ROLE_ALREADY_EXISTS',
  ROLE_NOT_FOUND: 'API_ROLE_NOT_FOUND',
  PERMISSION_NOT_FOUND: 'API_PERMISSIONIDENT_NOT_FOUND',
  // The manual has no code for a permission another one depends on: the PERMISSIONNAME sent is invalid here (59).
  PERMISSION_DEPENDENCY: 'API_PARAMETERS_INVALID',
};

/** A storage conflict that reached a handler untranslated: the directory's code for the same refusal. */
const CONFLICT_RESULTS: Readonly<Record<ConflictSubject, ResultType>> = {
  user: 'API_USER_ALREADY_EXIST',
  phone: 'API_PHONEID_IN_USE',
  role: 'API_ROLE_ALREADY_EXISTS',
};

/**
 * The documented result of a domain error, or undefined for an error no
 * client could cause (a bug, a raw error from a recorder core): those are
 * the caller's to log and answer with API_ERROR_PROCESSING_MESSAGE.
 */
export function documentedResultOf(err: unknown): ApiResult | undefined {
  if (err instanceof ApiError) return apiResult(err.type, err.message);
  if (err instanceof CallError) return callErrorResult(err);
  if (err instanceof DirectoryError) return apiResult(DIRECTORY_RESULTS[err.reason], err.message);
  if (err instanceof StorageError) return apiResult('API_DATABASE_QUERY_ERROR', databaseFailure(err));
  if (err instanceof ConflictError) return apiResult(CONFLICT_RESULTS[err.subject], err.message);
  // The media layer names its result: 41 for a file not found, 16 for parameters missing or malformed (the manual's two), 49 for a recording that is not WAV audio.
  if (err instanceof MediaExportError) return apiResult(err.resultType, err.message);
  // EXPORT's UNIQUEFIELD naming no column is 16 in the manual; any other lookup by an unknown column is the same mistake.
  if (err instanceof InvalidFieldError) return apiResult('API_INVALID_MESSAGE_FORMAT', err.message);
  if (err instanceof ValueTooLongError) return apiResult('API_PARAMETERS_INVALID', err.message);
  // No mail server answering is 31 ("client not found"); a refused address is 45 ("email not valid").
  if (err instanceof MailDeliveryError) return apiResult(err.reason === 'unreachable' ? 'API_ERROR_CLIENT_NOT_FOUND' : 'API_EMAIL_NOT_VALID', err.message);
  return undefined;
}

/**
 * What `type` answers for `err`: its documented result, else
 * API_ERROR_PROCESSING_MESSAGE. Logged once, here: a database failure as a
 * warning (the driver's own words go to the log only), anything else as an
 * error.
 */
export function resultOfError(err: unknown, type: string, log: Logger): ApiResult {
  const documented = documentedResultOf(err);
  if (documented) {
    if (err instanceof StorageError) log.warn({ err }, `${type}: database error`);
    return documented;
  }
  log.error({ err }, `${type} failed`);
  return apiResult('API_ERROR_PROCESSING_MESSAGE', `${type} failed on the server; the server log has the details`);
}

/**
 * RESULTMSG for a database failure: whether the database could not be
 * reached or one query failed, and the driver's error code. The driver's
 * message stays in the server log: it can quote SQL, table names or a
 * connection string.
 */
export function databaseFailure(err: StorageError): string {
  const what = err.code === 'DATABASE_UNAVAILABLE' ? 'the database is unavailable' : 'a query failed';
  const code = driverCode(err.cause);
  return `the database could not be used: ${what}${code === undefined ? '' : ` (${code})`}; the server log has the details`;
}
