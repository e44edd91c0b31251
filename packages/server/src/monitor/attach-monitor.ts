import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebServer } from '../web/web-server.js';
import { readMonitorAssets, type MonitorAsset } from './monitor-assets.js';

/**
 * The page may load only its own files and talk only to this server: no CDN,
 * no inline script, nothing framing it. `connect-src 'self'` covers the
 * same-origin WebSocket (ws:/wss:) as well as the WebAPI fetches.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  // Recordings play from the WebAPI's EXPORT, fetched once and handed to the <audio> element as a blob: URL.
  "media-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the live monitor at `/` (and its script and stylesheet under
 * `/monitor/`) on the web port. The routes are not marked open, so with
 * `auth.required` the WebServer's guard answers 401 with a Basic challenge
 * and the browser asks for credentials; it then sends them with the page's
 * WebSocket and WebAPI requests, which are same-origin.
 */
export function attachMonitor(web: WebServer): void {
  for (const asset of readMonitorAssets()) web.route(asset.path, (request, response) => serve(asset, request, response));
}

function serve(asset: MonitorAsset, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('use GET\n');
    return;
  }
  const headers = {
    'Content-Type': asset.contentType,
    // Revalidate on every load: an upgraded server must never run yesterday's page against today's API.
    'Cache-Control': 'no-cache',
    ETag: asset.etag,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (request.headers['if-none-match'] === asset.etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  response.writeHead(200, { ...headers, 'Content-Length': asset.body.length });
  response.end(request.method === 'HEAD' ? undefined : asset.body);
}
