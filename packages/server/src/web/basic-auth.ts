import type { IncomingMessage } from 'node:http';
import type { ApiAuthenticator, ApiPrincipal } from '@callwire/core';

/** The answer for a request that did not authenticate. */
export interface AuthFailure {
  readonly status: 401 | 403;
  readonly reason: string;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * HTTP Basic for the WebAPI, `/events` and the monitor when `auth.required`
 * is on. Credentials travel in clear text without TLS, so plain HTTP is only
 * accepted from this machine itself; other clients must use the TLS port.
 */
export async function authenticateRequest(request: IncomingMessage, authenticator: ApiAuthenticator): Promise<ApiPrincipal | AuthFailure> {
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
  const outcome = await authenticator.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1));
  return typeof outcome === 'string' ? { status: 401, reason: outcome } : outcome;
}

export function isAuthFailure(value: ApiPrincipal | AuthFailure): value is AuthFailure {
  return 'status' in value;
}
