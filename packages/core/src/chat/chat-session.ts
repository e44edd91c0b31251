import type { CallFields } from '../calls/call-fields.js';
import type { BlackoutPeriod } from '../storage/index.js';

/**
 * A screen-capture-only session (CHATSTART … CHATSTOP), keyed by the
 * client's SESSIONID. It is stored as a recording of type `chat` with no
 * audio, so it appears in CALLLIST and on the event stream like a call's.
 */
export interface ChatSession {
  readonly sessionId: string;
  readonly agentId: number;
  /** The agent's phone (or `agent-<id>` when they have none): the recording's DEVICEID. */
  readonly deviceId: string;
  readonly fields: CallFields;
  readonly startedAt: number;
  /** Its screen recording: set and changed only by the RecordingController. */
  readonly screen: ScreenRecording;
}

/** The recording of a chat session: its row, and the screen core capturing it (if one took it). */
export interface ScreenRecording {
  /** The engine's key for it (the outbox's, and the core's handle). */
  key: string;
  /** IDENT of its Recording row; undefined while the database could not be written. */
  ident: number | undefined;
  /** The screen-capture core recording it; undefined when no such core took it. */
  coreIdent: number | undefined;
  fileName: string;
  /** What its file holds, as that core declares it (default `audio/wav`); null while no core took it. */
  mediaType: string | null;
  paused: boolean;
  /** Spans an AGENTBLACKOUT covered; stored with the row. */
  readonly blackouts: BlackoutPeriod[];
}
