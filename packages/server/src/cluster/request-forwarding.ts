import { ApiRequest, apiResult, type ApiDispatcher, type ApiPrincipal, type ApiResult, type ApiSession, type RequestRouter } from '@callwire/core';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { rpc, RpcUnanswered, serveRpc } from './rpc.js';

/** An API request on its way to the engine node. */
interface ForwardedRequest {
  readonly fields: [string, string][];
  readonly session: { readonly id: string; readonly transport: ApiSession['transport']; readonly remoteAddress: string; readonly principal?: ApiPrincipal };
}

/** The engine's answer: an ApiResult without a file (file functions are answered on every node). */
type ForwardedResult = Pick<ApiResult, 'type' | 'message' | 'body'>;

/**
 * Where a node that is not the engine node sends its requests: over NATS to
 * the engine node, which answers them as its own. When none answers, the
 * client is told so with API_ERROR_SCHEDULER_NOT_RUNNING — the engine node is
 * where the scheduler runs — and whether the request may have been done.
 */
export function engineRouter(nc: NatsConnection, subject: string, node: string, timeoutMs: number): RequestRouter {
  return {
    async forward(request: ApiRequest, session: ApiSession): Promise<ApiResult> {
      const { id, transport, remoteAddress, principal } = session;
      const forwarded: ForwardedRequest = { fields: request.fields(), session: { id: `${node}/${id}`, transport, remoteAddress, principal } };
      try {
        return await rpc<ForwardedResult>(nc, subject, forwarded, timeoutMs);
      } catch (err) {
        if (!(err instanceof RpcUnanswered)) throw err;
        const what = err.why === 'timeout'
          ? `the engine node did not answer within ${timeoutMs} ms: ${request.type} may or may not have been done`
          : `no engine node answers (the cluster is choosing one, or NATS is out): ${request.type} was not done; send it again`;
        return apiResult('API_ERROR_SCHEDULER_NOT_RUNNING', what);
      }
    },
  };
}

/** On the engine node: answers the requests other nodes forward, as the dispatcher answers its own clients. */
export function serveForwardedRequests(nc: NatsConnection, subject: string, dispatcher: ApiDispatcher, log: Logger): Subscription {
  return serveRpc<ForwardedRequest, ForwardedResult>(nc, subject, async ({ fields, session }) => {
    const { result } = await dispatcher.dispatch(ApiRequest.fromFields(fields), { ...session, carriesFiles: false });
    return { type: result.type, message: result.message, body: result.body };
  }, { queue: 'engine', log });
}
