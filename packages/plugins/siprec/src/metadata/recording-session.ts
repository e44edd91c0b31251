/**
 * The normalized description of a recording session (RFC 7865 sec. 6: the
 * recording session, its communication session's participants and media
 * streams), whatever dialect the SRC spoke. Built by readRecordingSession().
 */

/** Which SRC dialect the description was read from (codes of the fixture README, lower-case). */
export type MetadataDialect =
  | 'rfc7865'
  | 'draft-acme'
  | 'draft-siprec-bw'
  | 'metaswitch'
  | 'sonus'
  | 'cisco-bib'
  | 'cisco-nbr'
  | 'none';

/** How participants were tied to streams. */
export type StreamAssociation =
  /** RFC 7865 <participantstreamassoc> with <send>/<recv>. */
  | 'participantstreamassoc'
  /** Draft forms: <send> (or <send><id>) written inside <participant>. */
  | 'participant-send'
  /** Cisco CUBE NBR: X-Cisco-Recording-Participant media-index = m-line index. */
  | 'media-index'
  /** Cisco CUCM BiB: one dialog per party, the From URI says which party (x-nearend / x-farend). */
  | 'dialog-leg'
  /** Nothing said which participant sends what: participant N was given the Nth stream (m-line order). */
  | 'm-line-order'
  /** Nothing to associate (no participants or no streams). */
  | 'none';

export type ParticipantRole = 'caller' | 'callee' | 'near-end' | 'far-end' | (string & {});

/** Correlation ids of the recorded call, from the metadata and the SIP headers. */
export interface CallIds {
  /** Call-ID of the recording session's dialog. */
  callId?: string;
  /** Avaya Universal Call ID, 20 decimal digits (decoded from User-to-User or apkt:ucid). */
  ucid?: string;
  /** Cisco CUCM call reference of the recorded leg (From URI x-refci). */
  refci?: string;
  /** Cisco CUCM call reference of the far end (From URI x-farendrefci). */
  farEndRefci?: string;
  /** Cisco-Guid header. */
  ciscoGuid?: string;
  /** BroadWorks extTrackingID. */
  extTrackingId?: string;
  /** RFC 7989 Session-ID (header) or the metadata's <sipSessionID>, local uuid only. */
  sipSessionId?: string;
  /** The Call-ID of the recorded (communication session) call, when the SRC names it. */
  csCallId?: string;
}

/** Who a participant is, as the source names it. */
export interface ParticipantIdentity {
  /** participant_id / id from the metadata, or a name given by the header reader ('caller', 'far-end', ...). */
  id: string;
  aor?: string;
  name?: string;
  role?: ParticipantRole;
}

export interface RecordingParticipant extends ParticipantIdentity {
  /** Streams this participant sends, by stream reference (the label, or the stream id when it has no label). */
  sends: string[];
  /** Streams this participant receives, by stream reference. */
  receives: string[];
  /** sends and receives together, each once. */
  streams: string[];
}

export interface RecordingStream {
  /** stream_id / id from the metadata; `m-line:N` for a stream known only from the SDP. */
  id: string;
  /** SDP a=label = metadata <label>. */
  label?: string;
  /** Index of the SDP m-line carrying this stream, when the SDP has it. */
  mLineIndex?: number;
  /** Participant ids sending into this stream. */
  senders: string[];
  /** Participant ids receiving this stream. */
  receivers: string[];
  /** True when the metadata declares it with a <stream> element (false: only referenced, or only an m-line). */
  declared: boolean;
}

export interface RecordingSession {
  dialect: MetadataDialect;
  /** The metadata's (communication) session id. */
  sessionId?: string;
  /** complete (the default, RFC 7865 sec. 5.1.2) or partial. */
  dataMode?: 'complete' | 'partial';
  callIds: CallIds;
  participants: RecordingParticipant[];
  streams: RecordingStream[];
  association: StreamAssociation;
  /** Facts worth logging: undeclared streams, labels with no m-line, guesses made. */
  warnings: string[];
}

/** A stream as participants refer to it. */
export const streamRef = (stream: Pick<RecordingStream, 'id' | 'label'>): string => stream.label ?? stream.id;
