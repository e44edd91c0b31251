import type { ServerResponse } from 'node:http';
import { ValueTooLongError, type AuditEntry, type CallDetail, type Storage } from '@callwire/core';
import { isoTime, ListingQueryError, readListingQuery, type ListingQuery } from './listing-query.js';
import type { WebRoute, WebServer } from './web-server.js';

/** The listing paths, as `callwire audit` and `callwire calls` read them. */
export const AUDIT_PATH = '/api/audit';
export const CALL_DETAILS_PATH = '/api/call-details';

/**
 * Read-only JSON listings of what the database keeps for operators, behind
 * the same guard as the WebAPI (HTTP Basic with `auth.required`):
 * - `GET /api/audit?from&to&user&action&limit`: the audit log (every export
 *   and mail: who, what, the outcome, from where), newest first;
 * - `GET /api/call-details?from&to&device&limit`: call-detail records
 *   (SMDR/CDR) by the time they arrived, newest first.
 * Times go out as ISO 8601; a bad parameter is a 400 naming it.
 */
export function attachListings(web: WebServer, storage: Pick<Storage, 'audit' | 'callDetails'>): void {
  web.route(AUDIT_PATH, listing(async (query) => {
    const who = query.params.get('user') || undefined;
    const action = query.params.get('action')?.toUpperCase() || undefined;
    const rows = await storage.audit.list({ since: query.from, until: query.to, who, action, limit: query.limit });
    return { entries: rows.map(auditJson) };
  }));
  web.route(CALL_DETAILS_PATH, listing(async (query) => {
    const deviceId = query.params.get('device') || undefined;
    const rows = await storage.callDetails.list({ from: query.from, to: query.to, deviceId, limit: query.limit });
    return { records: rows.map(callDetailJson) };
  }));
}

function listing(read: (query: ListingQuery) => Promise<object>): WebRoute {
  return async (request, response, url) => {
    request.resume();
    if (request.method !== 'GET') return reply(response, 405, { error: 'use GET' }, { Allow: 'GET' });
    let body: object;
    try {
      body = await read(readListingQuery(url));
    } catch (err) {
      if (err instanceof ListingQueryError) return reply(response, 400, { error: err.message });
      if (err instanceof ValueTooLongError) return reply(response, 400, { error: `a filter is too long: ${err.message}` });
      throw err;
    }
    reply(response, 200, body);
  };
}

function reply(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(`${JSON.stringify(body)}\n`);
}

function auditJson(row: AuditEntry) {
  return { id: Number(row.id), at: isoTime(row.at), who: row.who, action: row.action, detail: row.detail, remoteAddress: row.remote_address };
}

function callDetailJson(row: CallDetail) {
  return {
    id: Number(row.id), receivedAt: isoTime(row.received_at), deviceId: row.device_id, callId: row.call_id, startTime: isoTime(row.start_time),
    durationSeconds: row.duration === null ? null : Number(row.duration), ani: row.ani, dnis: row.dnis, direction: row.direction, accountCode: row.account_code,
    recordId: row.recording_ident === null ? null : Number(row.recording_ident), raw: row.raw,
  };
}
