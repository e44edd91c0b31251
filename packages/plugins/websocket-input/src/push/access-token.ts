import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The token an upgrade request carries: `Authorization: Bearer …`, else the `token` query parameter. */
export function sentToken(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers.authorization;
  const bearer = header === undefined ? undefined : /^Bearer\s+(.+)$/i.exec(header.trim())?.[1];
  return bearer ?? url.searchParams.get('token') ?? undefined;
}

/**
 * Whether the sent token is the configured one. Both are hashed first so
 * the comparison takes the same time whatever their lengths and contents:
 * a timing difference must not tell an attacker how much of a guess was right.
 */
export function tokenMatches(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}
