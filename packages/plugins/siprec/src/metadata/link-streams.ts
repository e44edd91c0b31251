import { mLineStreamId, type MetadataSnapshot } from './metadata-snapshot.js';
import { streamRef, type RecordingParticipant, type RecordingSession, type RecordingStream } from './recording-session.js';

/** One SDP m-line as the stream linker needs it (its a=label, when it has one). */
export interface MediaLine {
  label?: string;
}

/**
 * Ties the snapshot's streams to the SDP m-lines (RFC 7865 sec. 5: metadata
 * <label> = SDP a=label), adds the streams only one side knows, and fills both
 * directions of the participant <-> stream association. When the source said
 * nothing about who sends what, participant N is given stream N in m-line
 * order (one stream: every participant sends it) and the result says so;
 * never for a partial snapshot.
 */
export function linkStreams(snapshot: MetadataSnapshot, mediaLines: readonly MediaLine[] | undefined): Pick<RecordingSession, 'participants' | 'streams' | 'association' | 'warnings'> {
  const warnings = [...snapshot.warnings];
  const streams = new Map<string, RecordingStream>();
  for (const { id, label } of snapshot.streams) streams.set(id, { id, label, senders: [], receivers: [], declared: true });
  placeOnMLines(streams, mediaLines, warnings);
  const participants = snapshot.participants.map((p) => ({ ...p, sends: [...p.sends], receives: [...p.receives] }));
  let association: RecordingSession['association'] = snapshot.association;
  // A partial snapshot (RFC 7865 sec. 8.2) leaves out what did not change: no association there means "as before".
  if (association === 'none' && snapshot.dataMode !== 'partial' && participants.length > 0 && streams.size > 0) {
    association = 'm-line-order';
    byMLineOrder(participants, [...streams.values()]);
    warnings.push('nothing ties participants to streams: participant N was given stream N in m-line order');
  }
  for (const participant of participants) {
    for (const id of [...participant.sends, ...participant.receives]) {
      if (streams.has(id)) continue;
      streams.set(id, { id, senders: [], receivers: [], declared: false });
      warnings.push(`participant ${participant.id} refers to stream ${id}, which is not declared`);
    }
  }
  return { participants: participants.map((p) => linkParticipant(p, streams)), streams: [...streams.values()], association, warnings };
}

function placeOnMLines(streams: Map<string, RecordingStream>, mediaLines: readonly MediaLine[] | undefined, warnings: string[]): void {
  if (!mediaLines) return;
  const declared = streams.size;
  const byLabel = new Map([...streams.values()].filter((s) => s.label !== undefined).map((s) => [s.label!, s]));
  mediaLines.forEach((line, index) => {
    const stream = line.label === undefined ? undefined : byLabel.get(line.label);
    if (stream) stream.mLineIndex = index;
    else {
      const id = mLineStreamId(index);
      streams.set(id, { id, label: line.label, mLineIndex: index, senders: [], receivers: [], declared: false });
      if (declared > 0) warnings.push(`m-line ${index} (label ${line.label ?? 'none'}) is not in the metadata`);
    }
  });
  for (const stream of byLabel.values()) {
    if (stream.mLineIndex === undefined && mediaLines.length > 0) warnings.push(`metadata stream label ${stream.label} has no m-line`);
  }
}

function byMLineOrder(participants: { sends: string[] }[], streams: RecordingStream[]): void {
  const ordered = [...streams].sort((a, b) => (a.mLineIndex ?? Infinity) - (b.mLineIndex ?? Infinity));
  participants.forEach((participant, index) => {
    const stream = ordered.length === 1 ? ordered[0] : ordered[index];
    if (stream) participant.sends.push(stream.id);
  });
}

function linkParticipant(participant: MetadataSnapshot['participants'][number], streams: ReadonlyMap<string, RecordingStream>): RecordingParticipant {
  const refs = (ids: string[], side: 'senders' | 'receivers'): string[] =>
    unique(ids).map((id) => {
      const stream = streams.get(id)!;
      if (!stream[side].includes(participant.id)) stream[side].push(participant.id);
      return streamRef(stream);
    });
  const sends = refs(participant.sends, 'senders');
  const receives = refs(participant.receives, 'receivers');
  return { ...participant, sends, receives, streams: unique([...sends, ...receives]) };
}

const unique = (values: string[]): string[] => [...new Set(values)];
