import { DirectoryError, type DirectoryErrorReason } from '../../directory/directory-error.js';
import { apiResult, type ApiResult } from '../../protocol/api-result.js';
import type { ResultType } from '../../protocol/result-codes.js';

const RESULT_OF: Readonly<Record<DirectoryErrorReason, ResultType>> = {
  USER_ALREADY_EXISTS: 'API_USER_ALREADY_EXIST',
  USER_NOT_FOUND: 'API_USER_NOT_FOUND',
  AGENT_NOT_FOUND: 'API_AGENT_NOT_FOUND',
  PHONE_IN_USE: 'API_PHONEID_IN_USE',
  NO_GROUP: 'API_NO_GROUP',
  ROLE_ALREADY_EXISTS: 'API_ROLE_ALREADY_EXISTS',
  ROLE_NOT_FOUND: 'API_ROLE_NOT_FOUND',
  PERMISSION_NOT_FOUND: 'API_PERMISSIONIDENT_NOT_FOUND',
  PERMISSION_DEPENDENCY: 'API_PARAMETERS_INVALID',
};

/** The documented result of a refused directory change. */
export function directoryErrorResult(error: DirectoryError): ApiResult {
  return apiResult(RESULT_OF[error.reason], error.message);
}

/** Runs a directory action, answering a DirectoryError with its documented result code. */
export async function answerDirectory(work: () => Promise<ApiResult>): Promise<ApiResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DirectoryError) return directoryErrorResult(error);
    throw error;
  }
}
