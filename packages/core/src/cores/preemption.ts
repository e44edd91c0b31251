import type { CallInstance } from '../calls/call-instance.js';
import type { RunningRecording } from './running-recordings.js';

/**
 * The recording a call of `priority` may take the channel of: the lowest
 * priority below it (then the oldest) on a core serving the call.
 */
export function preemptionVictim(running: Iterable<RunningRecording>, call: CallInstance, priority: number): RunningRecording | undefined {
  let victim: RunningRecording | undefined;
  for (const entry of running) {
    const { recording } = entry;
    if (recording.priority >= priority || !call.coreIdents.includes(recording.coreIdent)) continue;
    const better = !victim || recording.priority < victim.recording.priority ||
      (recording.priority === victim.recording.priority && recording.startedAt < victim.recording.startedAt);
    if (better) victim = entry;
  }
  return victim;
}
