import { rolesFor, type XmlDialect } from './xml-dialect.js';
import { childText, descendantsNamed, type XmlElement } from './xml-tree.js';

/*
 * METASWITCH - Metaswitch (Alianza) CFS: a mix of the draft and the RFC.
 * Sends: <recording id=".." xmlns="urn:ietf:params:xml:ns:recording"> (draft namespace,
 * an id on the root), <datamode>, RFC-style <session session_id>, <participant
 * participant_id>, <participantstreamassoc> with <send> AND <recv> - but
 * <stream id=".." session_id=".."> (id, not stream_id). One mixed stream (label 1) that
 * every participant both sends and receives; metadata part typed application/rs-metadata.
 * Vendor part: <extensiondata><metaswitchRecordingMetadata> in no namespace of its own:
 * callType (originating/terminating), recordedParty, businessGroup, systemName,
 * callingPartyNumber (-> caller), dialedDigits.
 * Quirks: nameID aor is a bare number ("7602922411"), sometimes with a trailing space
 * or a stray "]" ("7602922410]"); every re-INVITE repeats the full snapshot.
 */
export const metaswitchDialect: XmlDialect = {
  dialect: 'metaswitch',
  recognizes: (root: XmlElement) => descendantsNamed(root, 'metaswitchrecordingmetadata').length > 0,
  vendorData(root, snapshot) {
    const metadata = descendantsNamed(root, 'metaswitchrecordingmetadata')[0]!;
    return { roles: rolesFor(snapshot.participants, [['caller', childText(metadata, 'callingpartynumber')]]) };
  },
};
