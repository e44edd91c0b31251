import type { WebRoute } from './web-server.js';

/**
 * `GET /healthz`: 200 `{ status: 'ok' }` when everything configured is
 * serving, 503 `{ status: 'degraded', problems: [...] }` naming what is not,
 * so a load balancer or a supervisor sees a recorder that cannot record.
 */
export function healthRoute(report: () => Promise<{ readonly ok: boolean; readonly problems: readonly string[] }>): WebRoute {
  return async (_request, response) => {
    const { ok, problems } = await report();
    response.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', uptimeSeconds: Math.round(process.uptime()), problems }));
  };
}
