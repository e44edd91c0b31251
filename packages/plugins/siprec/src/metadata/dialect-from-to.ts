import type { HeaderDialect } from './header-dialect.js';
import type { SnapshotParticipant } from './metadata-snapshot.js';
import { parseNameAddr } from './name-addr.js';
import { headerValue, type SipHeaders } from './sip-headers.js';

/*
 * NONE - no metadata and no vendor headers: a plain SDP offer (drachtio's "non-SIPREC
 * payload"), or a SIPREC dialog's SDP-only re-INVITE or BYE.
 * Read as: From = caller, To = callee (display name and URI without parameters); the
 * caller's identity from P-Asserted-Identity when there is one (RFC 3325: the identity
 * the network asserted, where From may be anonymous or the SRC itself);
 * nothing ties them to the m-lines, so the stream reader gives them streams in m-line
 * order and says so.
 */
export const fromToDialect: HeaderDialect = {
  dialect: 'none',
  recognizes: () => true,
  read(headers) {
    const participants = [party(headers, 'p-asserted-identity', 'caller') ?? party(headers, 'from', 'caller'), party(headers, 'to', 'callee')].filter((p): p is SnapshotParticipant => p !== undefined);
    return { participants, association: 'none', warnings: [] };
  },
};

function party(headers: SipHeaders, header: 'p-asserted-identity' | 'from' | 'to', role: 'caller' | 'callee'): SnapshotParticipant | undefined {
  const value = headerValue(headers, header);
  if (!value) return undefined;
  const address = parseNameAddr(value);
  return { id: role, role, aor: address.aor, name: address.displayName, sends: [], receives: [] };
}
