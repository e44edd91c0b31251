import { ciscoBibDialect } from './dialect-cisco-bib.js';
import { ciscoNbrDialect } from './dialect-cisco-nbr.js';
import { fromToDialect } from './dialect-from-to.js';
import { headerCallIds } from './header-call-ids.js';
import type { HeaderDialect } from './header-dialect.js';
import { linkStreams, type MediaLine } from './link-streams.js';
import type { MetadataSnapshot } from './metadata-snapshot.js';
import { definedOnly, readMetadataXml } from './read-metadata-xml.js';
import type { RecordingSession } from './recording-session.js';
import type { SipHeaders } from './sip-headers.js';

/** What an SRC sent, already split by the SIP layer. */
export interface RecordingSessionInput {
  /** The request's headers (lower-case names). */
  headers?: SipHeaders;
  /** The application/rs-metadata(+xml) part (or whole body), when there is one. */
  metadata?: string;
  /** The SDP's m-lines in order, when the request has an SDP. */
  mediaLines?: readonly MediaLine[];
}

/** Sources without metadata, most specific first; From/To is the last resort. */
const HEADER_DIALECTS: readonly HeaderDialect[] = [ciscoNbrDialect, ciscoBibDialect, fromToDialect];

/**
 * The one normalized description of a recording session, from the metadata
 * when there is some, else from the headers. Throws MetadataError (one line,
 * naming what was wrong) when the metadata is not readable; never anything else.
 */
export function readRecordingSession(input: RecordingSessionInput): RecordingSession {
  const headers: SipHeaders = input.headers ?? new Map();
  const snapshot = input.metadata === undefined ? readHeaders(headers, input.mediaLines?.length ?? 0) : readMetadataXml(input.metadata);
  return {
    dialect: snapshot.dialect,
    sessionId: snapshot.sessionId,
    dataMode: snapshot.dataMode,
    callIds: { ...definedOnly(headerCallIds(headers)), ...definedOnly(snapshot.callIds) },
    ...linkStreams(snapshot, input.mediaLines),
  };
}

function readHeaders(headers: SipHeaders, mLineCount: number): MetadataSnapshot {
  const dialect = HEADER_DIALECTS.find((d) => d.recognizes(headers))!;
  return { dialect: dialect.dialect, callIds: {}, streams: [], ...dialect.read(headers, mLineCount) };
}
