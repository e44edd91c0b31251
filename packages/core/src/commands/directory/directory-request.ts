import type { RoleReference } from '../../directory/roles.js';
import type { AgentReference } from '../../directory/user-lookup.js';
import type { ApiRequest } from '../../protocol/api-request.js';
import type { ResultBody } from '../../protocol/api-result.js';
import { ApiError } from '../api-error.js';

/**
 * ACTION of a request, upper-cased: missing is API_INVALID_MESSAGE_FORMAT,
 * one the function does not take is API_ERROR_INVALID_ACTION.
 */
export function readAction<A extends string>(request: ApiRequest, allowed: readonly A[]): A {
  const sent = request.nonBlank('ACTION');
  const list = allowed.join(', ');
  if (sent === undefined) throw new ApiError('API_INVALID_MESSAGE_FORMAT', `${request.type} needs an ACTION (${list})`);
  const action = sent.toUpperCase() as A;
  if (!allowed.includes(action)) throw new ApiError('API_ERROR_INVALID_ACTION', `${request.type} ACTION must be one of ${list}, got '${sent}'`);
  return action;
}

/**
 * The values of parameters a function requires; any missing or blank is
 * API_INVALID_MESSAGE_FORMAT naming every one of them.
 */
export function required<N extends string>(request: ApiRequest, what: string, ...names: N[]): Record<N, string> {
  const missing = names.filter((name) => request.nonBlank(name) === undefined);
  if (missing.length > 0) {
    throw new ApiError('API_INVALID_MESSAGE_FORMAT', `${what} needs ${names.join(', ')}; missing: ${missing.join(', ')}`);
  }
  return Object.fromEntries(names.map((name) => [name, request.nonBlank(name)!])) as Record<N, string>;
}

/** Throws API_INVALID_MESSAGE_FORMAT with `message` unless `present`. */
export function requireOne(present: boolean, message: string): void {
  if (!present) throw new ApiError('API_INVALID_MESSAGE_FORMAT', message);
}

/**
 * An id parameter (AGENTID, GROUPID, ROLEID, USERID): undefined when not
 * sent, blank, or 0 — ids start at 1, and clients send 0 for "not known"
 * (the manual's IMPORTAGENTPHONE example sends AGENTID 0 with the agent's names).
 * The field rules have already checked it is an integer.
 */
export function optionalId(request: ApiRequest, name: string): number | undefined {
  const value = request.nonBlank(name);
  if (value === undefined) return undefined;
  const id = Number(value);
  return id === 0 ? undefined : id;
}

/** An integer parameter, undefined when not sent or blank. */
export function optionalInteger(request: ApiRequest, name: string): number | undefined {
  const value = request.nonBlank(name);
  return value === undefined ? undefined : Number(value);
}

/**
 * "Returns: Parameters Sent": the function's parameters in the manual's
 * order, each with the value sent, or the value the server filled in (an id
 * looked up from a name, a name from an id). Parameters neither sent nor
 * filled in are left out.
 */
export function echoParameters(request: ApiRequest, order: readonly string[], filled: Readonly<Record<string, string | number | undefined>> = {}): ResultBody {
  const body: ResultBody = {};
  for (const name of order) {
    const value = filled[name] ?? request.get(name);
    if (value !== undefined) body[name] = value;
  }
  return body;
}

/** The agent a request names: AGENTID (0 or blank: not sent), FIRSTNAME, LASTNAME. */
export function readAgentReference(request: ApiRequest): AgentReference {
  return { agentId: optionalId(request, 'AGENTID'), firstName: request.nonBlank('FIRSTNAME'), lastName: request.nonBlank('LASTNAME') };
}

/** The role a request names: ROLEID (0 or blank: not sent) or ROLENAME. */
export function readRoleReference(request: ApiRequest): RoleReference {
  return { roleId: optionalId(request, 'ROLEID'), roleName: request.nonBlank('ROLENAME') };
}
