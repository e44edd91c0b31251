import type { IncomingMessage } from 'node:http';
import { isApiAuthRefusal, type ApiAuthenticator, type ApiAuthRefusal, type ApiPrincipal } from '@callwire/core';

/** The answer for a request that did not authenticate. */
export interface AuthFailure {
  /** 401 bad or missing credentials, 403 credentials over plain HTTP from afar, 429 backoff, 503 too many checks waiting. */
  readonly status: 401 | 403 | 429 | 503;
  readonly reason: string;
  /** For 429 and 503: when to retry (the reason says it too). */
  readonly retryAfterSeconds?: number;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

const STATUS: Readonly<Record<ApiAuthRefusal['refusal'], AuthFailure['status']>> = {
  credentials: 401,
  permission: 401,
  backoff: 429,
  busy: 503,
};

/** Requests already authenticated (by the web server's guard), so the WebAPI route's second look costs nothing. */
const authenticated = new WeakMap<IncomingMessage, ApiPrincipal>();

/**
 * HTTP Basic for the WebAPI, `/events` and the monitor when `auth.required`
 * is on. Credentials travel in clear text without TLS, so plain HTTP is only
 * accepted from this machine itself; other clients must use the TLS port.
 * The password check runs in the authenticator's bounded pool; the client's
 * IP address feeds its per-address backoff (429 while it lasts), and a full
 * queue is 503: both are answered at once, and say when to retry.
 */
export async function authenticateRequest(request: IncomingMessage, authenticator: ApiAuthenticator): Promise<ApiPrincipal | AuthFailure> {
  const known = authenticated.get(request);
  if (known) return known;
  const header = request.headers.authorization ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return { status: 401, reason: 'authentication required: send HTTP Basic credentials of a user whose role has ALLOWAPIAUTH' };
  const encrypted = 'encrypted' in request.socket && request.socket.encrypted === true;
  if (!encrypted && !LOOPBACK.test(request.socket.remoteAddress ?? '')) {
    return { status: 403, reason: 'credentials are only accepted over HTTPS (server.tls) from other machines' };
  }
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return { status: 401, reason: 'malformed Basic credentials' };
  const outcome = await authenticator.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1), clientAddress(request));
  if (isApiAuthRefusal(outcome)) {
    return { status: STATUS[outcome.refusal], reason: outcome.message, ...(outcome.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: outcome.retryAfterSeconds }) };
  }
  authenticated.set(request, outcome);
  return outcome;
}

export function isAuthFailure(value: ApiPrincipal | AuthFailure): value is AuthFailure {
  return 'status' in value;
}

/** The client's IP address, an IPv4 client on an IPv6 socket as IPv4; 'unknown' when the socket has none (closed). */
function clientAddress(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? 'unknown';
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
}
