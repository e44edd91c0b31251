import type { Logger } from 'pino';
import type { ApiRequest } from '../protocol/api-request.js';
import type { ApiResult } from '../protocol/api-result.js';
import type { FieldTable } from '../protocol/field-limits.js';
import type { EventSubscriptionRequest } from './events/event-subscription.js';
import type { ApiPrincipal } from '../directory/api-authenticator.js';

/** Who sent a request: one TCP connection, one HTTP request or one WebSocket. */
export interface ApiSession {
  /** Unique for the life of the process, e.g. `tcp-17`. */
  readonly id: string;
  readonly transport: 'tcp' | 'http' | 'websocket' | 'internal';
  readonly remoteAddress: string;
  /** Present on sessions that can carry an event stream (a TCP connection, a WebSocket). */
  readonly events?: SessionEventChannel;
  /** The authenticated user, on transports that authenticate (the WebAPI when config `auth.required` is on). */
  readonly principal?: ApiPrincipal;
  /** True on a door that can answer with a file (the WebAPI's HTTP body); see ApiCommand.answersWithFile. */
  readonly carriesFiles?: boolean;
}

/**
 * A session's event stream, used by the EVENTS function. Events start after
 * the EVENTS reply, in publish order, interleaved with later replies.
 */
export interface SessionEventChannel {
  /** True once this session monitors events (a second EVENTS is API_ERROR_ALREADY_MONITORING). */
  readonly monitoring: boolean;
  /**
   * Starts the stream the subscription asked for, right after the EVENTS
   * reply: the replay (SINCE), the snapshot (current calls), then live events.
   */
  monitor(subscription: EventSubscriptionRequest): void;
}

/** What a handler gets besides the request. */
export interface RequestContext {
  readonly session: ApiSession;
  /** A logger bound to this request's type and session. */
  readonly log: Logger;
}

/**
 * One API function (CALLSTART, TEST, …). Handlers are small: read the request's
 * parameters, call the domain, map the outcome to a result. Bind implementations
 * to the `ApiCommand` token; plugins may add functions the same way.
 */
export interface ApiCommand {
  /** The function name as the manual spells it, upper-case. */
  readonly type: string;
  /** The parameter rules, when the function is not in the manual's FIELD_LIMITS table. */
  readonly fields?: FieldTable;
  /**
   * Present on administrative functions (those that change users, roles and
   * permissions): the role permission `request` needs, or undefined when this
   * request only reads (IMPORTUSER LIST). The dispatcher asks the
   * {@link AdminPolicy} before the handler runs.
   */
  administers?(request: ApiRequest): AdminPermission | undefined;
  /**
   * True for a function that answers with a file (ApiResult.stream: EXPORT,
   * COMBINEDEXPORT, MULTIEXPORT). On a session that cannot carry files the
   * dispatcher refuses it before it runs (API_COMMAND_NOT_SUPPORTED).
   */
  readonly answersWithFile?: boolean;
  /**
   * In a cluster, answered by the node the client is connected to rather than
   * the engine node: functions bound to the connection (EVENTS) and file
   * functions (the file streams from the node that has it). Every other
   * function goes to the engine node (ApiDispatcher.routeTo). File functions
   * (answersWithFile) are such functions whether or not this is set.
   */
  readonly answeredOnEveryNode?: boolean;
  handle(request: ApiRequest, context: RequestContext): ApiResult | Promise<ApiResult>;
}

/**
 * Where a node sends the requests the engine node answers (in a cluster, from
 * a node that is not it); resolves with the engine's result, or with the
 * refusal that says it could not be reached.
 */
export interface RequestRouter {
  forward(request: ApiRequest, session: ApiSession): Promise<ApiResult>;
}

/** Multi-injection token under which every ApiCommand is bound. */
export const ApiCommand = Symbol.for('callwire.ApiCommand');

/**
 * The manual's role permissions that administrative functions need over the
 * WebAPI (with config `auth.required`):
 * - ALLOWAGENTADMIN ("Allow User Administration"): IMPORTUSER ADD, MODIFY and
 *   DELETE, IMPORTAGENTPHONE, MODIFYUSERROLE, MODIFYROLE, MODIFYROLEPERMISSION;
 * - ALLOWGROUPADMIN ("Allow Group Administration"): ADDGROUP,
 *   MODIFYGROUPPERMISSION, MODIFYROLEGROUPPERMISSION;
 * - ALLOWSYSTEMCONFIG ("Allow System Configuration"): IMPORTWORKSTATION.
 */
export type AdminPermission = 'ALLOWAGENTADMIN' | 'ALLOWGROUPADMIN' | 'ALLOWSYSTEMCONFIG';

/**
 * Who may use administrative functions. Consulted by the dispatcher for every
 * request whose command {@link ApiCommand.administers}; when none is bound,
 * every session may.
 */
export interface AdminPolicy {
  /**
   * Undefined when `session` may call `type`, which needs `permission`;
   * otherwise why not, in words fit for the client (answered API_COMMAND_NOT_ALLOWED).
   */
  refusal(session: ApiSession, permission: AdminPermission, type: string): string | undefined | Promise<string | undefined>;
}

/** Token of the {@link AdminPolicy} (optional). */
export const AdminPolicy = Symbol.for('callwire.AdminPolicy');
