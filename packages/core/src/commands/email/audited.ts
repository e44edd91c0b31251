import type { ApiRequest } from '../../protocol/api-request.js';
import type { ApiResult } from '../../protocol/api-result.js';
import type { ApiSession } from '../api-command.js';
import { documentedResultOf } from '../result-of-error.js';
import type { ExportAccess } from './export-access.js';

/**
 * Runs an export or mail function and writes its audit entry whatever the
 * outcome: `<what was asked>: <RESULTTYPE> [<RESULTMSG>]`, the result being
 * the one the dispatcher will answer (see result-of-error.ts), or `failed:
 * <error>` for an error no client caused. Failures are rethrown for the
 * dispatcher to answer.
 */
export async function audited(access: ExportAccess, session: ApiSession, action: string, asked: string, work: () => Promise<ApiResult>): Promise<ApiResult> {
  let result: ApiResult;
  try {
    result = await work();
  } catch (err) {
    const documented = documentedResultOf(err);
    await access.record(session, action, `${asked}: ${documented ? outcome(documented) : `failed: ${(err as Error).message}`}`);
    throw err;
  }
  await access.record(session, action, `${asked}: ${outcome(result)}`);
  return result;
}

function outcome(result: ApiResult): string {
  return `${result.type}${result.message ? ` ${result.message}` : ''}`;
}

/** `NAME=value` for each parameter sent (never PASSWORD), for the audit log. */
export function askedFor(request: ApiRequest, names: readonly string[]): string {
  return names.flatMap((name) => (request.has(name) ? [`${name}=${request.get(name)}`] : [])).join(' ');
}
