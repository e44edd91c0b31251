import type { ApiRequest } from '../../protocol/api-request.js';
import type { ApiResult } from '../../protocol/api-result.js';
import type { ApiSession } from '../api-command.js';
import { ApiError } from '../api-error.js';
import { asApiError } from './export-errors.js';
import type { ExportAccess } from './export-access.js';

/**
 * Runs an export or mail function and writes its audit entry whatever the
 * outcome: `<what was asked>: <RESULTTYPE> [<RESULTMSG>]`. Failures are
 * turned into their documented result first (see asApiError) and rethrown
 * for the dispatcher to answer.
 */
export async function audited(access: ExportAccess, session: ApiSession, action: string, asked: string, work: () => Promise<ApiResult>): Promise<ApiResult> {
  let result: ApiResult;
  try {
    result = await work();
  } catch (raw) {
    const err = asApiError(raw);
    const outcome = err instanceof ApiError ? `${err.type} ${err.message}` : `failed: ${(err as Error).message}`;
    await access.record(session, action, `${asked}: ${outcome}`);
    throw err;
  }
  await access.record(session, action, `${asked}: ${result.type}${result.message ? ` ${result.message}` : ''}`);
  return result;
}

/** `NAME=value` for each parameter sent (never PASSWORD), for the audit log. */
export function askedFor(request: ApiRequest, names: readonly string[]): string {
  return names.flatMap((name) => (request.has(name) ? [`${name}=${request.get(name)}`] : [])).join(' ');
}
