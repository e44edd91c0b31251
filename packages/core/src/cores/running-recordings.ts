import type { ActiveRecording, CallInstance } from '../calls/call-instance.js';

/** A running recording and its call. */
export interface RunningRecording {
  readonly call: CallInstance;
  readonly recording: ActiveRecording;
}

/**
 * The recordings running now: each on its call's `recordings` list and, by
 * key, here. Only the RecordingController holds one, and both change only
 * here, together, so the index and the calls never disagree.
 */
export class RunningRecordings {
  private readonly byKey = new Map<string, RunningRecording>();

  add(call: CallInstance, recording: ActiveRecording): void {
    this.byKey.set(recording.key, { call, recording });
    (call.recordings as ActiveRecording[]).push(recording);
  }

  /** Takes a recording out; false when it was not running (it stopped already). */
  remove(call: CallInstance, recording: ActiveRecording): boolean {
    if (!this.byKey.delete(recording.key)) return false;
    const list = call.recordings as ActiveRecording[];
    const at = list.indexOf(recording);
    if (at !== -1) list.splice(at, 1);
    return true;
  }

  get(key: string): RunningRecording | undefined {
    return this.byKey.get(key);
  }

  isRunning(recording: ActiveRecording): boolean {
    return this.byKey.get(recording.key)?.recording === recording;
  }

  all(): IterableIterator<RunningRecording> {
    return this.byKey.values();
  }
}
