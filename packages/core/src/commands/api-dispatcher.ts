import { inject, injectable, multiInject, optional } from 'inversify';
import type { Logger } from 'pino';
import type { ApiRequest } from '../protocol/api-request.js';
import { apiResult, type ApiResult } from '../protocol/api-result.js';
import { FIELD_LIMITS } from '../protocol/field-limits.js';
import { isParseFailure, type ParseFailure } from '../protocol/parse-request.js';
import { isValidRequestId } from '../protocol/request-id.js';
import { validateFields } from '../protocol/validate-fields.js';
import { StorageError } from '../storage/errors.js';
import { TOKENS } from '../tokens.js';
import { AdminPolicy, ApiCommand, type AdminPermission, type ApiSession, type RequestContext } from './api-command.js';
import { ApiError } from './api-error.js';

/** A handled request, ready for a transport to render (XML today, JSON on WebSocket later). */
export interface ApiReply {
  readonly requestType: string;
  readonly requestId: string | undefined;
  readonly result: ApiResult;
}

/**
 * Routes every request, from any transport, to its function's handler, after
 * the checks every function shares: well-formed (16), REQUESTID (14), alias
 * conflicts and field limits (59), known function (10); then, for an
 * administrative function, the AdminPolicy, when one is bound (44). Never throws: a
 * handler's failure becomes API_ERROR_PROCESSING_MESSAGE, logged once here.
 */
@injectable()
export class ApiDispatcher {
  private readonly commands = new Map<string, ApiCommand>();

  constructor(
    @multiInject(ApiCommand) commands: ApiCommand[],
    @inject(TOKENS.Logger) private readonly log: Logger,
    @inject(AdminPolicy) @optional() private readonly adminPolicy?: AdminPolicy,
  ) {
    for (const command of commands) {
      if (this.commands.has(command.type)) throw new Error(`two handlers are registered for ${command.type}`);
      this.commands.set(command.type, command);
    }
  }

  /**
   * Adds a function at run time (an extension plugin's, once it started);
   * returns what removes it again (when the plugin stops or fails).
   * @throws Error when the function is already answered
   */
  add(command: ApiCommand): () => void {
    if (this.commands.has(command.type)) throw new Error(`${command.type} is already answered by another handler`);
    this.commands.set(command.type, command);
    return () => {
      if (this.commands.get(command.type) === command) this.commands.delete(command.type);
    };
  }

  /** The functions this server answers, sorted. */
  functions(): string[] {
    return [...this.commands.keys()].sort();
  }

  /**
   * Answers one request. Synchronous handlers are answered synchronously (no
   * promise, no extra tick): most functions are, and a pipelining client
   * should not wait on the microtask queue.
   */
  dispatch(input: ApiRequest | ParseFailure, session: ApiSession): ApiReply | Promise<ApiReply> {
    if (isParseFailure(input)) {
      return reply('', input.requestId, apiResult('API_INVALID_MESSAGE_FORMAT', input.error));
    }
    const type = input.type;
    const check = this.precheck(input);
    if (check) return reply(type, input.requestId, check);
    const context = new LazyContext(this.log, session, type);
    const permission = this.adminPolicy ? this.commands.get(type)!.administers?.(input) : undefined;
    if (permission) return this.administer(input, context, permission);
    try {
      const result = this.commands.get(type)!.handle(input, context);
      if (!(result instanceof Promise)) return reply(type, input.requestId, result);
      return result.then(
        (answer) => reply(type, input.requestId, answer),
        (err: unknown) => reply(type, input.requestId, this.failure(err, context)),
      );
    } catch (err) {
      return reply(type, input.requestId, this.failure(err, context));
    }
  }

  /** An administrative function: handled only when the AdminPolicy lets the session, else API_COMMAND_NOT_ALLOWED (44). */
  private async administer(input: ApiRequest, context: LazyContext, permission: AdminPermission): Promise<ApiReply> {
    const type = context.type;
    try {
      const refusal = await this.adminPolicy!.refusal(context.session, permission, type);
      if (refusal !== undefined) {
        context.log.warn({ remote: context.session.remoteAddress, transport: context.session.transport }, `refused ${type}: ${refusal}`);
        return reply(type, input.requestId, apiResult('API_COMMAND_NOT_ALLOWED', refusal));
      }
      return reply(type, input.requestId, await this.commands.get(type)!.handle(input, context));
    } catch (err) {
      return reply(type, input.requestId, this.failure(err, context));
    }
  }

  /** A handler's error as a result: its own code for ApiError, 23 for the database, else 11 (logged). */
  private failure(err: unknown, context: LazyContext): ApiResult {
    const type = context.type;
    if (err instanceof ApiError) return apiResult(err.type, err.message);
    if (err instanceof StorageError) {
      context.log.warn({ err }, `${type}: database error`);
      return apiResult('API_DATABASE_QUERY_ERROR', `the database could not be used: ${err.message}`);
    }
    context.log.error({ err }, `${type} failed`);
    return apiResult('API_ERROR_PROCESSING_MESSAGE', `${type} failed on the server; the server log has the details`);
  }

  /** The shared checks; undefined when the request may go to its handler. */
  private precheck(request: ApiRequest): ApiResult | undefined {
    if (!isValidRequestId(request.requestId)) {
      const sent = request.requestId === undefined ? 'no REQUESTID was sent' : `REQUESTID '${request.requestId}' is not an integer from 0 to 2147483647`;
      return apiResult('API_REQUESTID_INVALID', sent);
    }
    // A name or value (TYPE too) with a character XML 1.0 forbids, for every function (59; see xml-chars.ts).
    if (request.illegalCharacters.length > 0) return apiResult('API_PARAMETERS_INVALID', request.illegalCharacters.join('; '));
    if (request.conflicts.length > 0) {
      return apiResult('API_PARAMETERS_INVALID', `parameters sent under two spellings with different values: ${request.conflicts.join(', ')}`);
    }
    if (request.type === '') return apiResult('API_UNKNOWN_MESSAGE_TYPE', 'no TYPE was sent');
    const command = this.commands.get(request.type);
    if (!command) return apiResult('API_UNKNOWN_MESSAGE_TYPE', `unknown message type ${request.type}`);
    const table = command.fields ?? FIELD_LIMITS[request.type];
    const problems = table ? validateFields(request, table) : [];
    return problems.length > 0 ? apiResult('API_PARAMETERS_INVALID', problems.join('; ')) : undefined;
  }
}

function reply(requestType: string, requestId: string | undefined, result: ApiResult): ApiReply {
  return { requestType, requestId, result };
}

/** Creates the per-request child logger only when a handler logs. */
class LazyContext implements RequestContext {
  private child: Logger | undefined;
  constructor(
    private readonly root: Logger,
    readonly session: ApiSession,
    readonly type: string,
  ) {}

  get log(): Logger {
    this.child ??= this.root.child({ type: this.type, session: this.session.id });
    return this.child;
  }
}
