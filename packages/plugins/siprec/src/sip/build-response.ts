import { parseParams } from './header-params.js';
import { reasonPhrase } from './reason-phrases.js';
import { SipHeaders } from './sip-headers.js';
import type { SipRequest, SipResponse } from './sip-message.js';

/** What a response adds to the headers it copies from its request. */
export interface ResponseOptions {
  readonly reason?: string;
  /** Put on the To header when it has no tag yet (not on 100 Trying). */
  readonly toTag?: string;
  /** The Contact value, e.g. `<sip:srs@127.0.0.1:5070>`. */
  readonly contact?: string;
  /** Further headers, appended in order. */
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: Buffer | string;
  /** The body's Content-Type (required with a body). */
  readonly contentType?: string;
}

/**
 * A response to `request` (RFC 3261 §8.2.6): Via (all, in order), From,
 * Call-ID, CSeq copied; To copied with `toTag` added when it has none;
 * Record-Route copied on 18x/2xx to an INVITE (§12.1.1).
 */
export function buildResponse(request: SipRequest, status: number, options: ResponseOptions = {}): SipResponse {
  const source = request.headers;
  const headers = new SipHeaders();
  for (const via of source.getAll('Via')) headers.append('Via', via);
  headers.append('From', source.get('From') ?? '');
  headers.append('To', toWithTag(source.get('To') ?? '', status === 100 ? undefined : options.toTag));
  headers.append('Call-ID', source.get('Call-ID') ?? '');
  headers.append('CSeq', source.get('CSeq') ?? '');
  if (request.method === 'INVITE' && (status === 180 || status === 183 || (status >= 200 && status < 300))) {
    for (const route of source.getAll('Record-Route')) headers.append('Record-Route', route);
  }
  if (options.contact) headers.append('Contact', options.contact);
  for (const [name, value] of options.headers ?? []) headers.append(name, value);
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body);
  if (body.length > 0 && options.contentType) headers.append('Content-Type', options.contentType);
  headers.append('Content-Length', String(body.length));
  return { kind: 'response', version: 'SIP/2.0', status, reason: options.reason ?? reasonPhrase(status), headers, body };
}

/** The tag of a From or To value, if any. */
export function tagOf(value: string | undefined): string | undefined {
  return value === undefined ? undefined : parseParams(value).params.get('tag') || undefined;
}

function toWithTag(to: string, tag: string | undefined): string {
  return tag === undefined || tagOf(to) !== undefined ? to : `${to};tag=${tag}`;
}
