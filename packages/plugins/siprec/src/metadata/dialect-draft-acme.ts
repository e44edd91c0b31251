import { decodeAvayaUcid } from './avaya-ucid.js';
import { DRAFT_NAMESPACE, type XmlDialect } from './xml-dialect.js';
import { attributeOf, childrenNamed, childText, descendantsNamed, type XmlElement } from './xml-tree.js';
import type { ParticipantRole } from './recording-session.js';

/*
 * DRAFT-ACME - the pre-RFC draft as Acme Packet / Oracle SBCs send it (also seen in
 * drachtio's test bodies, and for Avaya calls recorded through an Acme SBC).
 * Sends: <recording xmlns='urn:ietf:params:xml:ns:recording'> (no ":1"), <datamode>,
 * ids in "id" attributes with "session" references (<participant id session>,
 * <stream id session>), <nameID aor><name> (older Oracle pages: <aor>/<name> directly
 * in <participant>), and <send>stream-id</send> written inside <participant> (no
 * participantstreamassoc, no <recv>: each party sends its own stream). <stream> has
 * <label> and <mode>separate</mode>.
 * Vendor part: <extensiondata xmlns:apkt="http://acmepacket.com/siprec/extensiondata">
 * with apkt:ucid (Avaya UCID as UUI hex, "00FA08...;encoding=hex"), apkt:callingParty
 * true/false per participant (-> caller/callee), apkt:header label="Call-ID" <value>
 * (the recorded call's Call-ID), apkt:request-uri, apkt:realm.
 * Quirks: the Oracle scenario has a participant sending a stream id no <stream>
 * declares, and an SDP part with a second stray SDP in it (label 1 not in metadata).
 */
export const draftAcmeDialect: XmlDialect = {
  dialect: 'draft-acme',
  recognizes: (root: XmlElement) => root.name === 'recording' && root.namespace === DRAFT_NAMESPACE,
  vendorData(root) {
    const ucid = descendantsNamed(root, 'ucid')[0]?.text;
    const callIdHeader = descendantsNamed(root, 'header').find((h) => attributeOf(h, 'label')?.toLowerCase() === 'call-id');
    const roles = new Map<string, ParticipantRole>();
    for (const participant of childrenNamed(root, 'participant')) {
      const calling = descendantsNamed(participant, 'callingparty')[0]?.text.toLowerCase();
      const id = attributeOf(participant, 'id', 'participant_id') ?? '';
      if (calling === 'true' || calling === 'false') roles.set(id, calling === 'true' ? 'caller' : 'callee');
    }
    return {
      callIds: { ucid: ucid ? decodeAvayaUcid(ucid) : undefined, csCallId: callIdHeader && childText(callIdHeader, 'value') },
      roles,
    };
  },
};
