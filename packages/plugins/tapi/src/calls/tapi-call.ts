import type { CallData, CallIdentity, CallOutcome } from '@callwire/plugin-api';
import type { CallInfoMessage } from '../protocol/bridge-messages.js';

/**
 * Where a TAPI call stands for Callwire:
 * - `pending`: seen on the line, not (yet) a Callwire call (ringing, or missed);
 * - `live`: a Callwire call (started on the CallService);
 * - `merged`: joined a conference that another call of the device carries;
 * - `ended`: over (DISCONNECTED, transferred away); kept until IDLE so late duplicates are ignored.
 */
export type CallPhase = 'pending' | 'live' | 'merged' | 'ended';

/** What LINE_CALLINFO has told so far about a call (later messages overwrite what they send). */
export type CallInfo = Partial<Omit<CallInfoMessage, 'type' | 'line' | 'call'>>;

/** A conference on a line: its handle (hConfCall) and the Callwire call that carries it. */
export interface Conference {
  readonly line: string;
  readonly handle: string;
  /** The member whose recording goes on for the whole conference. */
  carrier: TapiCall | undefined;
  /** The conference handle has had a state of its own (so it, not the carrier, says when the conference ends). */
  seen: boolean;
  ended: boolean;
}

/**
 * One call handle (hCall) on one line device: the per-call state the state
 * machine reads, and what was sent to the CallService for it. The handle is
 * the CALLINSTANCE, so a held call and a consultation on one device are two
 * instances.
 */
export class TapiCall {
  phase: CallPhase = 'pending';
  /** From the first state (OFFERING: in; DIALTONE..RINGBACK: out); else from LINE_CALLINFO's origin. */
  direction: 'I' | 'O' | undefined;
  held = false;
  /** IDLE has arrived (the bridge has deallocated the handle). */
  idleSeen = false;
  info: CallInfo = {};
  /** Order in which calls became live: the earliest member carries a conference. */
  startOrder = 0;
  /** The Callwire call; its fields stay readable after it ended, for a transfer that continues it. */
  instance: CallOutcome | undefined;
  /** The numbers last sent to the CallService, so a LINE_CALLINFO sends only what changed. */
  sent: CallData = {};
  conference: Conference | undefined;
  /** A reason=TRANSFER correlation was already tried for this call. */
  transferChecked = false;
  /** When the Callwire call ended (clock ms), for the transfer window. */
  endedAt: number | undefined;

  constructor(
    readonly line: string,
    readonly handle: string,
    readonly deviceId: string,
  ) {}

  get key(): string {
    return callKey(this.line, this.handle);
  }

  /** How the CallService names this call: the line's device and the handle as CALLINSTANCE. */
  get identity(): CallIdentity {
    return { deviceId: this.deviceId, callInstance: this.handle };
  }

  /** This call carries a conference whose own handle is still up: its own end is one party leaving. */
  get carriesLiveConference(): boolean {
    const conference = this.conference;
    return conference !== undefined && conference.carrier === this && conference.seen && !conference.ended;
  }
}

/** The table key of a handle on a line (hCall values are per application, so the line is kept too). */
export function callKey(line: string, handle: string): string {
  return `${line}/${handle}`;
}
