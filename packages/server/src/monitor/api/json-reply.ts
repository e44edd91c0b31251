import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebRoute } from '../../web/web-server.js';

/** A monitor request the page got wrong: answered 400 with this one-line reason. */
export class MonitorQueryError extends Error {}

/**
 * A GET-only JSON route of the monitor: `produce` reads the query and
 * returns what to send; a MonitorQueryError becomes 400 naming the bad
 * parameter, anything else is left to the WebServer (500, logged).
 */
export function jsonRoute(produce: (url: URL) => Promise<unknown>): WebRoute {
  return async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    if (request.method !== 'GET') {
      response.writeHead(405, { Allow: 'GET', 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('use GET\n');
      return;
    }
    let body: unknown;
    try {
      body = await produce(url);
    } catch (err) {
      if (!(err instanceof MonitorQueryError)) throw err;
      response.writeHead(400, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify({ error: err.message }));
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    response.end(JSON.stringify(body));
  };
}

/** A query parameter as a time (ms since epoch, or ISO 8601); undefined when absent, MonitorQueryError when not a time. */
export function timeParam(url: URL, name: string): number | undefined {
  const text = url.searchParams.get(name)?.trim();
  if (!text) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new MonitorQueryError(`${name}: '${text}' is not a time (ms since epoch or ISO 8601)`);
  return ms;
}

/** A whole-number query parameter within [1, max]; `fallback` when absent. */
export function countParam(url: URL, name: string, fallback: number, max: number): number {
  const text = url.searchParams.get(name)?.trim();
  if (!text) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new MonitorQueryError(`${name}: '${text}' is not a whole number from 1 to ${max}`);
  return n;
}

/** A text query parameter, trimmed; undefined when absent or blank. */
export function textParam(url: URL, name: string): string | undefined {
  const text = url.searchParams.get(name)?.trim();
  return text ? text : undefined;
}
