import type { CallcopyEvent } from '../events/callcopy-event.js';

/**
 * The calls in progress, as the events a subscriber would have seen
 * (CALLSTART, and RECORDINGSTARTED for each running recording), so a
 * reconnecting wallboard is whole again. On a cluster node that is not the
 * engine node it is asked of the engine node, so it may come later.
 */
export interface CallSnapshotSource {
  snapshot(): readonly CallcopyEvent[] | Promise<readonly CallcopyEvent[]>;
}
