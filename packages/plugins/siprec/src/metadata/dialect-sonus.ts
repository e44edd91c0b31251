import { rolesFor, type XmlDialect } from './xml-dialect.js';
import { childText, descendantsNamed, type XmlElement } from './xml-tree.js';

/*
 * SONUS - Sonus (Ribbon) SBC.
 * Sends: <tns:recording xmlns:tns='urn:ietf:params:xml:ns:recording'> (draft namespace,
 * every element tns:-prefixed), RFC-style attributes (group_id, session_id,
 * participant_id, stream_id) and <tns:participantstreamassoc> with send/recv;
 * <tns:session> has <tns:group-ref>.
 * Vendor part: inside <tns:group>, <callData xmlns='urn:ietf:params:xml:ns:callData'>
 * with fromhdr / tohdr (the recorded call's From and To, XML-escaped &lt;sip:..&gt;;
 * -> caller / callee), callid (the recorded call's Call-ID) and gcid.
 * Quirks: nameID aor without a scheme ("2249888500@172.16.198.55"); a <tns:name> that
 * is a single space (read as no name); no multipart close-delimiter.
 */
export const sonusDialect: XmlDialect = {
  dialect: 'sonus',
  recognizes: (root: XmlElement) => descendantsNamed(root, 'calldata').length > 0,
  vendorData(root, snapshot) {
    const callData = descendantsNamed(root, 'calldata')[0]!;
    return {
      callIds: { csCallId: childText(callData, 'callid') },
      roles: rolesFor(snapshot.participants, [['caller', childText(callData, 'fromhdr')], ['callee', childText(callData, 'tohdr')]]),
    };
  },
};
