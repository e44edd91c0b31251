import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Target } from './api-target.js';
import { CliError } from './cli-errors.js';

/** Where and how the CLI reaches the WebAPI. */
export interface WebApiEndpoint {
  readonly target: Target;
  readonly https: boolean;
  /** Sent as HTTP Basic when the server has `auth.required`. */
  readonly credentials?: { readonly user: string; readonly password: string };
}

/**
 * GETs `/webAPI.aspx` with the given parameters (the manual's URL shape) and
 * resolves with the response, whatever its status, body unread. Node's http
 * client rather than fetch: fetch refuses some ports outright (5060, 6000 …)
 * that a site may well have given its web port.
 */
export function getWebApi(endpoint: WebApiEndpoint, parameters: Record<string, string>): Promise<IncomingMessage> {
  return getWeb(endpoint, '/webAPI.aspx', parameters);
}

/** GETs `path` on the web port with the given query parameters, as getWebApi does (the same credentials, the same errors). */
export function getWeb(endpoint: WebApiEndpoint, path: string, parameters: Record<string, string>): Promise<IncomingMessage> {
  const { target, https, credentials } = endpoint;
  const headers: Record<string, string> = {};
  if (credentials) headers['Authorization'] = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
  const send = https ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send({ host: target.host, port: target.port, path: `${path}?${new URLSearchParams(parameters)}`, headers }, resolve);
    request.on('error', (err: NodeJS.ErrnoException) => {
      const where = `${target.host}:${target.port}`;
      reject(
        err.code === 'ECONNREFUSED'
          ? new CliError(`cannot connect to the WebAPI at ${where}: connection refused (is Callwire running? set --host/--web-port or CALLWIRE_WEB_PORT)`)
          : new CliError(`cannot reach the WebAPI at ${where}: ${err.message}`),
      );
    });
    request.end();
  });
}

/** A response's body as text. */
export async function bodyText(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
