import type { RecordingDecision } from '../scheduler/index.js';
import type { CallData } from './call-fields.js';

/**
 * KEEPDAYS and ARCHIVEACTION of a call or of one of its recordings: set at
 * start (by the schedule, or what CALLSTART / RECORDSTART sent), changed by
 * CALLUPDATE (KEEP_DAYS, ARCHIVEACTION). Every later event carries the
 * current values, as the Recording row holds them; undefined is sent as -1.
 */
export interface Retention {
  keepDays: number | undefined;
  archiveAction: number | undefined;
}

/** The retention a recording decision starts with. */
export function retentionOf(decision: RecordingDecision | undefined): Retention {
  return { keepDays: decision?.keepDays, archiveAction: decision?.archiveAction };
}

/** Copies into `retention` what a CALLUPDATE sent (what it did not send stays). */
export function applyRetention(retention: Retention, data: CallData): void {
  if (data.keepDays !== undefined) retention.keepDays = data.keepDays;
  if (data.archiveAction !== undefined) retention.archiveAction = data.archiveAction;
}

/** KEEPDAYS and ARCHIVEACTION as events print them. */
export function retentionEventData(retention: Retention): { KEEPDAYS: string; ARCHIVEACTION: string } {
  return {
    KEEPDAYS: retention.keepDays === undefined ? '-1' : String(retention.keepDays),
    ARCHIVEACTION: retention.archiveAction === undefined ? '-1' : String(retention.archiveAction),
  };
}
