import type { CallData, CallDetailOutcome, CallDetailRecord, CallFields, CallIdentity } from './call-data.js';

/** Which cores heard a call signal (COREIDENTs), and which could not be reached. */
export interface CoresReached {
  readonly answered: readonly number[];
  readonly failed: readonly number[];
}

/** How a hold affects the call's recordings. */
export interface HoldOptions {
  /** Pause the recordings while held (default false: a hold changes only the call's state). */
  readonly pauseRecording?: boolean;
}

/** A call as a signal left it. `fields` is live: later updates show in it. */
export interface CallState {
  readonly deviceId: string;
  /** CALLINSTANCE ('' for the device's default instance). */
  readonly callInstance: string;
  readonly state: 'connected' | 'held' | 'ended';
  readonly fields: Readonly<CallFields>;
}

/** What a call signal did. */
export interface CallOutcome extends CallState {
  readonly cores: CoresReached;
  /** The recording the signal started, when it started one. */
  readonly recording?: { readonly coreIdent: number; readonly channel: number; readonly fileName: string };
}

/**
 * The one path for call signals, as an input plugin gets it (`ctx.calls`).
 * The same rules hold as for the XML API: a refusal is a CallError whose
 * `reason` maps to the manual's result code (a value too long:
 * `FIELD_INVALID`, with `field` naming it; no call: `NOT_IN_CALL` …).
 */
export interface CallSignals {
  /** A device started a call (CALLSTART). A blank `callInstance` is the default instance. */
  start(identity: CallIdentity, data?: CallData): Promise<CallOutcome>;
  /** A device's call ended (CALLSTOP): its recordings stop and are saved. */
  stop(identity: CallIdentity, data?: CallData): Promise<CallOutcome>;
  /**
   * The call in progress changed (CALLUPDATE). With `updateIfNotRecording`, a
   * device that is not recording has its last stored recording updated instead.
   */
  update(identity: CallIdentity, data: CallData, options?: { readonly updateIfNotRecording?: boolean }): Promise<CallOutcome | { readonly recordId: number }>;
  /** Changes a stored recording (CALLUPDATE with RECORDID). */
  updateRecording(recordId: number, data: CallData & { readonly deviceId?: string }): Promise<void>;
  /** An extra, partial recording of the device's call (RECORDSTART). */
  recordStart(identity: CallIdentity, data?: CallData): Promise<CallOutcome>;
  /** Stops the latest partial recording (RECORDSTOP). */
  recordStop(identity: CallIdentity, data?: CallData): Promise<CallOutcome>;
  /** The call moves from one device to another, keeping its data; resolves to the call on `to`. */
  transfer(from: CallIdentity, to: CallIdentity, data?: CallData): Promise<CallOutcome>;
  /**
   * The caller was put on hold. With `pauseRecording` the call's recordings
   * pause while it is held (silence in the file, RECORDINGPAUSED) — a media
   * source that stops sending on hold (a SIPREC `a=inactive`) says so.
   */
  hold(identity: CallIdentity, options?: HoldOptions): Promise<CallState>;
  /** The held call was taken back; recordings a hold paused resume (RECORDINGRESUMED) unless a blackout keeps them silent. */
  retrieve(identity: CallIdentity): Promise<CallState>;
  /** A call detail record (SMDR/CDR): stored, and used to fill in the matching recording. */
  recordCallDetail(detail: CallDetailRecord): Promise<CallDetailOutcome>;
  /**
   * Whether `phoneId` is a phone of an agent (IMPORTAGENTPHONE): how a call
   * source that sees only numbers tells which party is our device. False
   * when the directory cannot be read now.
   */
  isAgentPhone(phoneId: string): Promise<boolean>;
}
