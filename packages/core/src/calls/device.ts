import type { CallInstance } from './call-instance.js';

/**
 * A phone device (DEVICEID) as the live state knows it: its calls in progress
 * by CALLINSTANCE, and its most recent call, kept after it ends so status
 * functions can show "the last call it was on".
 */
export class Device {
  readonly calls = new Map<string, CallInstance>();
  lastCall: CallInstance | undefined;

  constructor(readonly deviceId: string) {}

  /** The call in progress named `instance`, or — when undefined — the last one started. */
  activeCall(instance: string | undefined): CallInstance | undefined {
    if (instance !== undefined) return this.calls.get(instance);
    let latest: CallInstance | undefined;
    for (const call of this.calls.values()) if (!latest || call.sequence > latest.sequence) latest = call;
    return latest;
  }

  /** The call to report for the device: the latest active one, else the last call it was on. */
  currentOrLastCall(): CallInstance | undefined {
    return this.activeCall(undefined) ?? this.lastCall;
  }
}
