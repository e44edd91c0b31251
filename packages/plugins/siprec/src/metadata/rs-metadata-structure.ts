import type { MetadataSnapshot, SnapshotParticipant, SnapshotStream } from './metadata-snapshot.js';
import { attributeOf, childNamed, childrenNamed, childText, descendantsNamed, type XmlElement } from './xml-tree.js';

/**
 * The recording-session structure every dialect shares, read tolerantly:
 * ids from RFC attributes (participant_id, stream_id, session_id) or draft
 * ones (id); identity from <nameID aor><name> or an <aor>/<name> element;
 * streams from <participantstreamassoc> send/recv or from <send> (text or an
 * <id> child) inside <participant>. Unknown elements are ignored.
 */
export function readRecordingStructure(root: XmlElement): Omit<MetadataSnapshot, 'dialect'> {
  const participants = new Map<string, SnapshotParticipant>();
  const participantNamed = (id: string): SnapshotParticipant => {
    const known = participants.get(id) ?? { id, sends: [], receives: [] };
    participants.set(id, known);
    return known;
  };
  let inlineSends = false;
  for (const element of childrenNamed(root, 'participant')) {
    const participant = participantNamed(attributeOf(element, 'participant_id', 'id') ?? '');
    Object.assign(participant, identity(element));
    const sends = streamIds(element, 'send');
    inlineSends ||= sends.length > 0;
    participant.sends.push(...sends);
  }
  const associations = childrenNamed(root, 'participantstreamassoc');
  for (const element of associations) {
    const participant = participantNamed(attributeOf(element, 'participant_id', 'participant', 'id') ?? '');
    participant.sends.push(...streamIds(element, 'send'));
    participant.receives.push(...streamIds(element, 'recv'));
  }
  const session = childNamed(root, 'session');
  const sipSessionId = descendantsNamed(root, 'sipsessionid')[0]?.text.split(';')[0]?.trim();
  return {
    sessionId: session && attributeOf(session, 'session_id', 'id'),
    dataMode: dataMode(childText(root, 'datamode')),
    callIds: sipSessionId ? { sipSessionId } : {},
    participants: [...participants.values()],
    streams: childrenNamed(root, 'stream').map(stream),
    association: associations.length > 0 ? 'participantstreamassoc' : inlineSends ? 'participant-send' : 'none',
    warnings: [],
  };
}

function identity(element: XmlElement): Pick<SnapshotParticipant, 'aor' | 'name' | 'role'> {
  const nameId = childNamed(element, 'nameid');
  const aor = (nameId && attributeOf(nameId, 'aor')) || childText(element, 'aor');
  const name = childText(nameId ?? element, 'name');
  const role = childText(element, 'role');
  return { aor: aor || undefined, name, role: role && (ROLE_WORDS[role.toLowerCase()] ?? role) };
}

/** Role words seen in <role> (Intrado) mapped to the normalized roles. */
const ROLE_WORDS: Readonly<Record<string, string>> = { calling: 'caller', called: 'callee', caller: 'caller', callee: 'callee' };

function streamIds(element: XmlElement, name: 'send' | 'recv'): string[] {
  return childrenNamed(element, name)
    .map((reference) => childText(reference, 'id') ?? reference.text)
    .filter((id) => id !== '');
}

function stream(element: XmlElement): SnapshotStream {
  return { id: attributeOf(element, 'stream_id', 'id') ?? '', label: childText(element, 'label') };
}

function dataMode(text: string | undefined): 'complete' | 'partial' | undefined {
  const mode = text?.toLowerCase();
  return mode === 'complete' || mode === 'partial' ? mode : undefined;
}
