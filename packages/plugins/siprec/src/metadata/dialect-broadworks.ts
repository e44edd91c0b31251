import { rolesFor, type XmlDialect } from './xml-dialect.js';
import { childNamed, childText, descendantsNamed, type XmlElement } from './xml-tree.js';

/*
 * DRAFT-SIPREC-BW - the pre-RFC "siprec" namespace as Cisco/BroadSoft BroadWorks and
 * Webex Calling send it.
 * Sends: <recording_metadata xmlns="urn:ietf:params:xml:ns:siprec">, <dataMode>,
 * <recording id><requestor/><type/></recording>, <group id recording>, <session id group>,
 * <participant id session><aor>..</aor><send><id>stream-id</id></send></participant>
 * (identity is an <aor> ELEMENT, no nameID; the stream reference is an <id> child of
 * <send>; no <recv>), <stream id session><label/><mode>mixed|separate</mode></stream>;
 * every id is urn:uuid:... .
 * Vendor part: <extensiondata><broadWorksRecordingMetadata
 * xmlns="http://schema.broadsoft.com/broadworksCallRecording"> with extTrackingID,
 * userID (the recorded user), callID (callhalf-...), callType/origCall|termCall with
 * callingPartyNumber / calledPartyNumber, redirectInfo, recordingType.
 * Quirks: Contact ";src" without Require: siprec; several participants send the one
 * mixed stream; streams referenced but never declared (pause-resume, acd); Webex
 * metadata label 2 with no m-line; a drachtio sample whose tags were all lost
 * (text run together inside the root: read as a session without participants).
 */
export const broadworksDialect: XmlDialect = {
  dialect: 'draft-siprec-bw',
  recognizes: (root: XmlElement) => root.name === 'recording_metadata' || root.namespace === 'urn:ietf:params:xml:ns:siprec',
  vendorData(root, snapshot) {
    const metadata = descendantsNamed(root, 'broadworksrecordingmetadata')[0];
    if (!metadata) return {};
    const callType = childNamed(metadata, 'calltype');
    const call = callType && childNamed(callType, 'origcall', 'termcall');
    return {
      callIds: { extTrackingId: childText(metadata, 'exttrackingid') },
      roles: call && rolesFor(snapshot.participants, [
        ['caller', childText(call, 'callingpartynumber')],
        ['callee', childText(call, 'calledpartynumber')],
        [call.name === 'origcall' ? 'caller' : 'callee', childText(metadata, 'userid')],
      ]),
    };
  },
};
