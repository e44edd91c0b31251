import type { MetadataSnapshot, SnapshotParticipant } from './metadata-snapshot.js';
import type { CallIds, MetadataDialect, ParticipantRole } from './recording-session.js';
import type { XmlElement } from './xml-tree.js';

/** What a dialect adds to the shared structure: its vendor call ids and participant roles. */
export interface VendorData {
  callIds?: CallIds;
  /** Role by participant id. */
  roles?: ReadonlyMap<string, ParticipantRole>;
}

/** One metadata XML dialect: how to recognize it from the parsed document and read its vendor parts. */
export interface XmlDialect {
  dialect: MetadataDialect;
  recognizes(root: XmlElement): boolean;
  vendorData(root: XmlElement, snapshot: Omit<MetadataSnapshot, 'dialect'>): VendorData;
}

/** The pre-RFC namespace (Acme/Oracle, Metaswitch, Sonus); RFC 7865 added ":1". */
export const DRAFT_NAMESPACE = 'urn:ietf:params:xml:ns:recording';

/** User part of an AOR for comparing parties: no scheme, no host, no '+', no stray ']' (Metaswitch). */
function userPart(aor: string): string {
  const noScheme = aor.replace(/^[a-z]+:/i, '').replace(/^<|>.*$/g, '');
  return noScheme.split(/[@;]/)[0]!.replace(/^\+/, '').replace(/]$/, '').trim().toLowerCase();
}

/** The participant whose AOR names the same user as the given address (a URI, a number, a From header). */
export function participantFor(participants: readonly SnapshotParticipant[], address: string | undefined): SnapshotParticipant | undefined {
  const match = address && /<([^>]*)>/.exec(address);
  const wanted = address && userPart(match ? match[1]! : address);
  if (!wanted) return undefined;
  return participants.find((p) => p.aor !== undefined && userPart(p.aor) === wanted);
}

/** Roles for the participants named by each address, skipping addresses that name nobody. */
export function rolesFor(participants: readonly SnapshotParticipant[], byRole: ReadonlyArray<[ParticipantRole, string | undefined]>): Map<string, ParticipantRole> {
  const roles = new Map<string, ParticipantRole>();
  for (const [role, address] of byRole) {
    const participant = participantFor(participants, address);
    if (participant && !roles.has(participant.id)) roles.set(participant.id, role);
  }
  return roles;
}
