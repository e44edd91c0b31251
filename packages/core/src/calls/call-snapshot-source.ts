import type { CallcopyEvent } from '../events/callcopy-event.js';

/**
 * The calls in progress, as the events a subscriber would have seen
 * (CALLSTART, and RECORDINGSTARTED for each running recording), so a
 * reconnecting wallboard is whole again.
 */
export interface CallSnapshotSource {
  snapshot(): CallcopyEvent[];
}
