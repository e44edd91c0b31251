import { parseParams, splitMultipart, SipParseError, type SipRequest } from '../sip/index.js';
import { SiprecRefusal } from './siprec-refusal.js';

/** The parts of an SRC's request body the SRS reads. */
export interface SiprecBody {
  /** The SDP, offer or answer. */
  readonly sdp?: string;
  /** The rs-metadata XML. */
  readonly metadata?: string;
}

const ACCEPT: readonly [string, string] = ['Accept', 'application/sdp, application/rs-metadata+xml, multipart/mixed'];

/**
 * Reads an INVITE/UPDATE/ACK body: a `multipart/mixed` of SDP and metadata
 * (RFC 7866 §8), an SDP alone (Cisco BiB, a plain re-INVITE), metadata
 * alone (an UPDATE after a transfer), or nothing.
 * @throws SiprecRefusal 400 for a broken multipart body, 415 for a body of another type
 */
export function readSiprecBody(request: SipRequest): SiprecBody {
  if (request.body.length === 0) return {};
  const contentType = request.headers.get('Content-Type') ?? '';
  const type = parseParams(contentType).value.trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    let parts;
    try {
      parts = splitMultipart(contentType, request.body);
    } catch (err) {
      if (err instanceof SipParseError) throw new SiprecRefusal(400, `Bad Request (${err.message})`);
      throw err;
    }
    const sdp = parts.find((p) => p.contentType === 'application/sdp');
    const metadata = parts.find((p) => isMetadata(p.contentType));
    return { sdp: sdp?.body.toString('utf8'), metadata: metadata?.body.toString('utf8') };
  }
  if (type === 'application/sdp') return { sdp: request.body.toString('utf8') };
  if (isMetadata(type)) return { metadata: request.body.toString('utf8') };
  throw new SiprecRefusal(415, `Unsupported Media Type (${type || 'no Content-Type'})`, [ACCEPT]);
}

function isMetadata(type: string): boolean {
  return /^application\/rs-metadata(\+xml)?$/.test(type);
}
