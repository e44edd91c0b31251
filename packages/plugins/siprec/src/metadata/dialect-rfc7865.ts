import type { XmlDialect } from './xml-dialect.js';
import type { XmlElement } from './xml-tree.js';

/*
 * RFC7865 - the standard (RFC 7865 metadata, RFC 8068 call flows).
 * Sends: <recording xmlns="urn:ietf:params:xml:ns:recording:1">, ids as attributes
 * (group_id, session_id, participant_id, stream_id), identity in <nameID aor><name>,
 * stream <label> = SDP a=label, participant -> stream only via <participantstreamassoc>
 * <send>/<recv>. RFC 8068 partial snapshots (<datamode>partial) name only what
 * changed: associations for participants and streams declared in an earlier snapshot.
 * Quirks in the field: <dataMode> vs <datamode> (Avaya SBCE, Intrado), single-quoted
 * xmlns, elements out of schema order (Cisco CUBE, Procomm), empty
 * <participantstreamassoc> (Avaya SBCE dummy participant sip:ASBCE@asbce.com, Cisco
 * inactive offer), no association at all (Connectel), non-schema <channel>/<role>
 * (Intrado), non-base64 ids incl. stream_id="" (Avaya SBCE; its session_id is the
 * UCID in hex), an unescaped '&' in <name> (Cisco: not XML, rejected), ids with
 * newlines (RFC 8068 figures: trimmed). Also the SRS's <requestsnapshot> root.
 * This is the fallback for any <recording> root no vendor dialect claims.
 */
export const rfc7865Dialect: XmlDialect = {
  dialect: 'rfc7865',
  recognizes: (root: XmlElement) => root.name === 'recording' || root.name === 'requestsnapshot',
  vendorData: () => ({}),
};
