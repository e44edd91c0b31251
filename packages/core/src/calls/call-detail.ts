import type { CallDirection } from './call-fields.js';

/**
 * A call detail record (SMDR/CDR) as an input plugin parsed it. It arrives
 * after the call ended; the engine stores it and enriches the recording of
 * that device whose time overlaps it.
 */
export interface CallDetailRecord {
  readonly deviceId: string;
  /** When the call started (ms since epoch). */
  readonly startTime: number;
  readonly durationSeconds: number;
  readonly ani?: string;
  readonly dnis?: string;
  readonly direction?: CallDirection;
  readonly callId?: string;
  readonly accountCode?: string;
  /** The record as received, kept verbatim. */
  readonly raw: string;
}

/** What became of a call detail record. */
export interface CallDetailOutcome {
  /** Its row in call_details. */
  readonly id: number;
  /** IDENT of the recording it enriched, if one overlapped. */
  readonly recordingIdent?: number;
}

/** How far apart a PBX clock and ours may be when matching a record to a recording. */
export const CALL_DETAIL_TOLERANCE_MS = 5000;
