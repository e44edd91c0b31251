import { inject, injectable, multiInject, optional } from 'inversify';
import type { Logger } from 'pino';
import type { ApiRequest } from '../protocol/api-request.js';
import { apiResult, type ApiResult } from '../protocol/api-result.js';
import { FIELD_LIMITS } from '../protocol/field-limits.js';
import { isParseFailure, type ParseFailure } from '../protocol/parse-request.js';
import { isValidRequestId } from '../protocol/request-id.js';
import { validateFields } from '../protocol/validate-fields.js';
import { TOKENS } from '../tokens.js';
import { AdminPolicy, ApiCommand, type AdminPermission, type ApiSession, type RequestContext, type RequestRouter } from './api-command.js';
import { fileRefusal } from './file-refusal.js';
import { resultOfError } from './result-of-error.js';

/** A handled request, ready for a transport to render (XML today, JSON on WebSocket later). */
export interface ApiReply {
  readonly requestType: string;
  readonly requestId: string | undefined;
  readonly result: ApiResult;
}

/**
 * Routes every request, from any transport, to its function's handler, after
 * the checks every function shares: well-formed (16), REQUESTID (14), alias
 * conflicts (59), known function (10), a file function on a door that cannot
 * carry files (49), field limits (59); then, for an administrative function,
 * the AdminPolicy, when one is bound (44). Never throws: whatever a handler
 * throws is answered by resultOfError (its documented code, else
 * API_ERROR_PROCESSING_MESSAGE), logged once there.
 */
@injectable()
export class ApiDispatcher {
  /** The functions by name: the one place a request's handler is looked up. */
  private readonly commands = new Map<string, ApiCommand>();
  /** Set on a cluster node that is not the engine node: where its requests go. */
  private router: RequestRouter | undefined;

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

  /**
   * From now on, requests for functions not answered on every node go to
   * `router` (the engine node), checks and all; undefined: answered here.
   */
  routeTo(router: RequestRouter | undefined): void {
    this.router = router;
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
    if (this.router && !answeredHere(this.commands.get(type))) {
      const router = this.router;
      return router.forward(input, session).then((result) => reply(type, input.requestId, result));
    }
    const checked = this.precheck(input, session);
    if ('refusal' in checked) return reply(type, input.requestId, checked.refusal);
    const { command } = checked;
    const context = new LazyContext(this.log, session, type);
    const answer = (result: ApiResult) => reply(type, input.requestId, deliverable(result, context));
    const fail = (err: unknown) => reply(type, input.requestId, resultOfError(err, type, context.log));
    try {
      const permission = this.adminPolicy ? command.administers?.(input) : undefined;
      const result = permission ? this.administer(command, input, context, permission) : command.handle(input, context);
      return result instanceof Promise ? result.then(answer, fail) : answer(result);
    } catch (err) {
      return fail(err);
    }
  }

  /** An administrative function: handled only when the AdminPolicy lets the session, else API_COMMAND_NOT_ALLOWED (44). */
  private async administer(command: ApiCommand, input: ApiRequest, context: LazyContext, permission: AdminPermission): Promise<ApiResult> {
    const refusal = await this.adminPolicy!.refusal(context.session, permission, context.type);
    if (refusal === undefined) return command.handle(input, context);
    context.log.warn({ remote: context.session.remoteAddress, transport: context.session.transport }, `refused ${context.type}: ${refusal}`);
    return apiResult('API_COMMAND_NOT_ALLOWED', refusal);
  }

  /** The shared checks: the function's handler when the request may go to it, else the refusal. */
  private precheck(request: ApiRequest, session: ApiSession): { command: ApiCommand } | { refusal: ApiResult } {
    const refusal = (result: ApiResult) => ({ refusal: result });
    if (!isValidRequestId(request.requestId)) {
      const sent = request.requestId === undefined ? 'no REQUESTID was sent' : `REQUESTID '${request.requestId}' is not an integer from 0 to 2147483647`;
      return refusal(apiResult('API_REQUESTID_INVALID', sent));
    }
    // A name or value (TYPE too) with a character XML 1.0 forbids, for every function (59; see xml-chars.ts).
    if (request.illegalCharacters.length > 0) return refusal(apiResult('API_PARAMETERS_INVALID', request.illegalCharacters.join('; ')));
    if (request.conflicts.length > 0) {
      return refusal(apiResult('API_PARAMETERS_INVALID', `parameters sent under two spellings with different values: ${request.conflicts.join(', ')}`));
    }
    if (request.type === '') return refusal(apiResult('API_UNKNOWN_MESSAGE_TYPE', 'no TYPE was sent'));
    const command = this.commands.get(request.type);
    if (!command) return refusal(apiResult('API_UNKNOWN_MESSAGE_TYPE', `unknown message type ${request.type}`));
    // Before the field table, so the XML API answers a file function as it always has, whatever its parameters.
    if (command.answersWithFile && !session.carriesFiles) return refusal(fileRefusal(request.type));
    const table = command.fields ?? FIELD_LIMITS[request.type];
    const problems = table ? validateFields(request, table) : [];
    return problems.length > 0 ? refusal(apiResult('API_PARAMETERS_INVALID', problems.join('; '))) : { command };
  }
}

/** Whether a node that is not the engine node answers this function itself (a function it does not know goes to the engine node). */
function answeredHere(command: ApiCommand | undefined): boolean {
  return command !== undefined && (command.answeredOnEveryNode === true || command.answersWithFile === true);
}

/** `result`, unless it is a file the session cannot carry (a function that did not declare answersWithFile). */
function deliverable(result: ApiResult, context: LazyContext): ApiResult {
  if (!result.stream || context.session.carriesFiles) return result;
  context.log.warn(`${context.type} answered with a file on a ${context.session.transport} session, which cannot carry one`);
  return fileRefusal(context.type);
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
