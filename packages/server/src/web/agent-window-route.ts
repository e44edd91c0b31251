import type { IncomingMessage, ServerResponse } from 'node:http';
import { ValueTooLongError, type AgentWindows } from '@callwire/core';

const MAX_BODY_BYTES = 16 * 1024;

/**
 * POST /agentwindow: where a desktop agent reports the window in front of its
 * user, as JSON `{ computerName, username?, domain?, ipAddress?, status?,
 * applicationTitle? }` (the client's address is used when ipAddress is not
 * sent). AGENTWINDOW then answers with the latest report. 204 on success,
 * 400 with a one-line reason otherwise.
 */
export function agentWindowRoute(windows: AgentWindows) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const answer = (status: number, text?: string) => {
      response.writeHead(status, text ? { 'Content-Type': 'text/plain; charset=utf-8' } : {});
      response.end(text ? `${text}\n` : undefined);
    };
    if (request.method !== 'POST') return answer(405, 'POST a JSON window report');
    let body = '';
    for await (const chunk of request as AsyncIterable<Buffer>) {
      body += chunk.toString('utf8');
      if (body.length > MAX_BODY_BYTES) return answer(413, `report over ${MAX_BODY_BYTES} bytes`);
    }
    let report: Record<string, unknown>;
    try {
      report = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return answer(400, 'the body must be a JSON object');
    }
    const text = (key: string) => (typeof report[key] === 'string' ? (report[key] as string) : undefined);
    const computerName = text('computerName');
    if (!computerName?.trim()) return answer(400, 'computerName is required');
    try {
      await windows.report({
        computerName, username: text('username'), domain: text('domain'), status: text('status'),
        applicationTitle: text('applicationTitle'), ipAddress: text('ipAddress') ?? request.socket.remoteAddress,
      });
    } catch (err) {
      if (err instanceof ValueTooLongError) return answer(400, err.message);
      throw err;
    }
    answer(204);
  };
}
