import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiResult, buildResult, type ApiAuthenticator, type ApiDispatcher, type ApiPrincipal, type ApiReply, type ApiSession } from '@callwire/core';
import type { Logger } from 'pino';
import { authenticateRequest, isAuthFailure } from './basic-auth.js';
import { writeFileReply } from './file-reply.js';
import { DUPLICATE_PARAMETERS, webApiRequest } from './webapi-request.js';

/** Largest form body accepted; the WebAPI's parameters normally travel in the query string. */
const MAX_BODY_BYTES = 64 * 1024;

/** What the WebAPI needs besides the dispatcher. */
export interface WebApiRouteOptions {
  /** Where a file reply that fails while streaming is logged. */
  readonly log: Logger;
  /**
   * With config `auth.required`: names the user behind a request's
   * credentials (already accepted by the web server's guard; the
   * authenticator caches them) so functions can check its permissions.
   */
  readonly authenticator?: ApiAuthenticator;
}

/**
 * `/webAPI.aspx` and `/webAPI.php`: any API function by `type=`, GET or POST,
 * parameters in the query string or a form body. The reply is the same RESULT
 * document the TCP server sends (text/xml, no trailing newline, as the real
 * product's replies show) — except a function's file (EXPORT and the other
 * export functions), which is the body itself. Everything a function
 * decides, refusals included, is the dispatcher's.
 */
export function webApiRoute(dispatcher: ApiDispatcher, nextId: () => number, options: WebApiRouteOptions) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'POST') {
      response.writeHead(405, { Allow: 'GET, POST', 'Content-Type': 'text/plain' });
      response.end('use GET or POST\n');
      return;
    }
    const pairs: [string, string][] = [...url.searchParams];
    const body = await readForm(request);
    if (body === undefined) {
      response.writeHead(413, { 'Content-Type': 'text/plain' });
      response.end(`form body over ${MAX_BODY_BYTES} bytes\n`);
      return;
    }
    pairs.push(...body);
    const principal = options.authenticator ? await principalOf(request, options.authenticator) : undefined;
    const session: ApiSession = {
      id: `http-${nextId()}`,
      transport: 'http',
      remoteAddress: `${request.socket.remoteAddress}:${request.socket.remotePort}`,
      carriesFiles: true,
      ...(principal ? { principal } : {}),
    };
    const parsed = webApiRequest(pairs);
    const reply: ApiReply =
      parsed === DUPLICATE_PARAMETERS
        ? { requestType: url.searchParams.get('type')?.toUpperCase() ?? '', requestId: undefined, result: apiResult('API_PARAMETERS_INVALID', DUPLICATE_PARAMETERS) }
        : await dispatcher.dispatch(parsed, session);
    if (reply.result.stream) return writeFileReply(response, reply.result.stream, options.log);
    response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
    response.end(buildResult(reply.requestType, reply.requestId, reply.result));
  };
}

/** The user the request's HTTP Basic credentials name; undefined when they do not authenticate. */
async function principalOf(request: IncomingMessage, authenticator: ApiAuthenticator): Promise<ApiPrincipal | undefined> {
  const outcome = await authenticateRequest(request, authenticator);
  return isAuthFailure(outcome) ? undefined : outcome;
}

/** The pairs of an application/x-www-form-urlencoded body (none for other types); undefined when too large. */
async function readForm(request: IncomingMessage): Promise<[string, string][] | undefined> {
  if (request.method !== 'POST' || !/^application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '')) {
    request.resume();
    return [];
  }
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return [...new URLSearchParams(Buffer.concat(chunks).toString('utf8'))];
}
