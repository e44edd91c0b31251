import type { HeaderDialect } from './header-dialect.js';
import { mLineStreamId, type SnapshotParticipant } from './metadata-snapshot.js';
import { parseNameAddr } from './name-addr.js';
import { headerValue } from './sip-headers.js';

/*
 * CISCO-BIB - Cisco CUCM Built-in-Bridge recording: no metadata body at all.
 * Sends: two separate dialogs, one per recorded party. The From URI says which party
 * this dialog carries (flag x-nearend or x-farend) and holds the CUCM call references
 * x-refci / x-farendrefci plus x-nearendaddr / x-farendaddr (the parties' numbers),
 * x-nearenddevice / x-farenddevice, x-nearendclusterid / x-farendclusterid; both legs
 * share one Cisco-Guid. The From display name is the near end's.
 * Quirks: delayed offer (INVITE without SDP, the SDP in the ACK); no a=label, no
 * Require: siprec, no +sip.src; one BYE spells the flag "x-farrend".
 * Read as: two participants, 'near-end' and 'far-end', and the party this leg is
 * marked with sends the dialog's (only) m-line.
 */
export const ciscoBibDialect: HeaderDialect = {
  dialect: 'cisco-bib',
  recognizes: (headers) => {
    const from = headerValue(headers, 'from');
    return from !== undefined && recordedEnd(parseNameAddr(from).uriParams) !== undefined;
  },
  read(headers, mLineCount) {
    const from = parseNameAddr(headerValue(headers, 'from')!);
    const leg = recordedEnd(from.uriParams)!;
    const party = (end: 'near-end' | 'far-end', prefix: string): SnapshotParticipant => ({
      id: end,
      role: end,
      aor: from.uriParams.get(`${prefix}addr`) || undefined,
      name: end === 'near-end' ? from.displayName : undefined,
      sends: end === leg && mLineCount > 0 ? [mLineStreamId(0)] : [],
      receives: [],
    });
    return { participants: [party('near-end', 'x-nearend'), party('far-end', 'x-farend')], association: 'dialog-leg', warnings: [] };
  },
};

function recordedEnd(params: ReadonlyMap<string, string>): 'near-end' | 'far-end' | undefined {
  const flags = [...params.keys()];
  if (flags.includes('x-nearend')) return 'near-end';
  if (flags.some((flag) => /^x-far+end$/.test(flag))) return 'far-end';
  return undefined;
}
