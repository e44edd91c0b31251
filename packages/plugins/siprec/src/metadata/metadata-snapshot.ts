import type { CallIds, MetadataDialect, ParticipantIdentity } from './recording-session.js';

/**
 * What one dialect reader (XML or headers) found, before streams are tied to
 * the SDP's m-lines: participants refer to streams by stream id.
 */
export type SnapshotParticipant = ParticipantIdentity & { sends: string[]; receives: string[] };

export interface SnapshotStream {
  id: string;
  label?: string;
}

export interface MetadataSnapshot {
  dialect: MetadataDialect;
  sessionId?: string;
  dataMode?: 'complete' | 'partial';
  callIds: CallIds;
  participants: SnapshotParticipant[];
  streams: SnapshotStream[];
  /** How the source tied participants to streams; 'none' when it did not. */
  association: 'participantstreamassoc' | 'participant-send' | 'media-index' | 'dialog-leg' | 'none';
  warnings: string[];
}

/** The stream id of the Nth SDP m-line, for streams known only from the SDP. */
export const mLineStreamId = (index: number): string => `m-line:${index}`;
