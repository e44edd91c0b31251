import type { HeaderDialect } from './header-dialect.js';
import { mLineStreamId } from './metadata-snapshot.js';
import { parseNameAddr } from './name-addr.js';
import { headerValues } from './sip-headers.js';

/*
 * CISCO-NBR - Cisco CUBE network-based recording: no metadata body at all.
 * Sends: a plain INVITE with application/sdp; the parties only in
 * X-Cisco-Recording-Participant headers, "sip:2164485925@ccf.org;media-index="0"", where
 * media-index is the index of the m-line carrying that party's voice; Cisco-Guid.
 * Quirks: no a=label, no Require: siprec, no +sip.src; the samples have one m-line
 * for two media-index values (the stream of index 1 is then reported undeclared);
 * ACK/BYE without To tag.
 */
const HEADER = 'x-cisco-recording-participant';

export const ciscoNbrDialect: HeaderDialect = {
  dialect: 'cisco-nbr',
  recognizes: (headers) => headerValues(headers, HEADER).length > 0,
  read(headers) {
    const participants = headerValues(headers, HEADER).map((value, order) => {
      const address = parseNameAddr(value);
      const index = Number(address.headerParams.get('media-index') ?? address.uriParams.get('media-index') ?? order);
      return { id: `media-index:${index}`, aor: address.aor, name: address.displayName, sends: [mLineStreamId(index)], receives: [] };
    });
    return { participants, association: 'media-index', warnings: [] };
  },
};
