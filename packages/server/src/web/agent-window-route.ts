import type { IncomingMessage, ServerResponse } from 'node:http';
import { ValueTooLongError, type AgentWindowReport, type AgentWindows } from '@callwire/core';

const MAX_BODY_BYTES = 16 * 1024;
const TOO_BIG = Symbol('too big');

/** The report's optional text fields; each is a string, or null / left out for "not known". */
const TEXT_FIELDS = ['username', 'domain', 'ipAddress', 'status', 'applicationTitle'] as const;

/**
 * POST /agentwindow: where a desktop agent reports the window in front of its
 * user, as JSON `{ computerName, username?, domain?, ipAddress?, status?,
 * applicationTitle? }` (the client's address is used when ipAddress is not
 * sent). AGENTWINDOW then answers with the latest report. 204 on success;
 * every bad body — not a JSON object (null, an array, a number, a string,
 * invalid JSON, not UTF-8), a missing computerName, a field of the wrong
 * type, a value too long, over 16 KiB — is 400 with a one-line reason.
 * Other keys are ignored.
 */
export function agentWindowRoute(windows: AgentWindows) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const answer = (status: number, text?: string) => {
      response.writeHead(status, text ? { 'Content-Type': 'text/plain; charset=utf-8' } : {});
      response.end(text ? `${oneLine(text)}\n` : undefined);
    };
    if (request.method !== 'POST') return answer(405, 'POST a JSON window report');
    const body = await readBody(request);
    if (body === undefined) return;
    if (body === TOO_BIG) return answer(400, `the report is over ${MAX_BODY_BYTES} bytes`);
    const report = parseReport(body, request.socket.remoteAddress);
    if (typeof report === 'string') return answer(400, report);
    try {
      await windows.report(report);
    } catch (err) {
      if (err instanceof ValueTooLongError) return answer(400, err.message);
      throw err;
    }
    answer(204);
  };
}

/**
 * The body's bytes; TOO_BIG as soon as they pass MAX_BODY_BYTES (or the
 * Content-Length says they will), the rest then read and dropped so the
 * answer reaches the client; undefined when the client went away.
 */
function readBody(request: IncomingMessage): Promise<Buffer | typeof TOO_BIG | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES ? Infinity : 0;
    let settled = false;
    const settle = (value: Buffer | typeof TOO_BIG | undefined) => {
      if (!settled) resolve(value);
      settled = true;
    };
    if (size === Infinity) settle(TOO_BIG);
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) settle(TOO_BIG);
      else chunks.push(chunk);
    });
    request.once('end', () => settle(Buffer.concat(chunks)));
    request.once('close', () => settle(undefined));
    request.once('error', () => settle(undefined));
  });
}

/** The report a body holds, or why it holds none (one line). */
export function parseReport(body: Buffer, remoteAddress: string | undefined): AgentWindowReport | string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return 'the body must be UTF-8 JSON';
  }
  if (text.trim() === '') return 'the body is empty; send a JSON object';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'the body must be a JSON object';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `the body must be a JSON object, not ${describe(value)}`;
  const fields = value as Record<string, unknown>;
  const computerName = fields['computerName'];
  if (computerName !== undefined && computerName !== null && typeof computerName !== 'string') {
    return `computerName must be a string, not ${describe(computerName)}`;
  }
  if (typeof computerName !== 'string' || computerName.trim() === '') return 'computerName is required';
  for (const key of TEXT_FIELDS) {
    const field = fields[key];
    if (field !== undefined && field !== null && typeof field !== 'string') return `${key} must be a string, not ${describe(field)}`;
  }
  const field = (key: (typeof TEXT_FIELDS)[number]) => (typeof fields[key] === 'string' ? (fields[key] as string) : undefined);
  return {
    computerName,
    username: field('username'),
    domain: field('domain'),
    status: field('status'),
    applicationTitle: field('applicationTitle'),
    ipAddress: field('ipAddress') ?? remoteAddress,
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
