import type { CallFields } from '../calls/call-fields.js';

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
  /** IDENT of its Recording row. */
  ident: number | undefined;
  /** The screen-capture core recording it, and its handle there; undefined when no such core took it. */
  coreIdent: number | undefined;
  key: string | undefined;
  fileName: string;
  paused: boolean;
}
