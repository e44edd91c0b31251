import type { RecordingDecision } from '../scheduler/index.js';
import type { BlackoutPeriod } from '../storage/index.js';
import type { CallFields } from './call-fields.js';
import type { Retention } from './retention.js';

/** A recording running for a call instance. */
export interface ActiveRecording {
  /** The core's handle for it. */
  readonly key: string;
  /** IDENT of its row in the Recording table; undefined while the database could not be written. */
  ident: number | undefined;
  readonly coreIdent: number;
  readonly channel: number;
  readonly fileName: string;
  /** What the file holds: its core's mediaType (default `audio/wav`). */
  readonly mediaType: string;
  /** Where the PBX or media fork should send this call's RTP, when the core receives media over the network. */
  readonly mediaTarget?: { readonly host: string; readonly port: number };
  readonly startedAt: number;
  readonly priority: number;
  /** A RECORDSTART partial recording rather than the call's own. */
  readonly partial: boolean;
  /** Its KEEPDAYS and ARCHIVEACTION now (CALLUPDATE changes them): what its row and its events carry. */
  readonly retention: Retention;
  /** True while a blackout keeps its audio silent. */
  paused: boolean;
  /** True while its call's hold keeps it paused (a hold with pauseRecording). */
  held: boolean;
  /** Blackout spans of this recording (ms); `stop` null while one is open. Stored with the recording. */
  readonly blackouts: BlackoutPeriod[];
}

export type CallState = 'connected' | 'held' | 'ended';

/**
 * One call on a device (CALLINSTANCE). A device may hold several at once:
 * a held customer and a consult call are two instances.
 */
export class CallInstance {
  state: CallState = 'connected';
  stopTime: number | undefined;
  /** Its recordings running now; only the RecordingController changes them (and their fields). */
  readonly recordings: readonly ActiveRecording[] = [];
  /** The phone's owner when the call started (AGENTID). */
  agentId: number | undefined;
  /** What the scheduler decided at start. */
  decision: RecordingDecision | undefined;
  /** The call's KEEPDAYS and ARCHIVEACTION now: the decision's at start, then what CALLUPDATE sent. */
  readonly retention: Retention = { keepDays: undefined, archiveAction: undefined };
  /** The cores that took the call start. */
  coreIdents: number[] = [];
  /** Since when a blackout covers this call (BLACKOUTSTART, or the agent's AGENTBLACKOUTSTART); undefined when none. */
  blackoutSince: number | undefined;
  /** Held by a hold that pauses recording: recordings started now start paused. */
  holdPaused = false;

  constructor(
    readonly deviceId: string,
    readonly instance: string,
    readonly fields: CallFields,
    readonly startTime: number,
    /** Order of arrival on the device, to find "the last call". */
    readonly sequence: number,
  ) {}

  get active(): boolean {
    return this.state !== 'ended';
  }

  get isRecording(): boolean {
    return this.recordings.length > 0;
  }
}
