import { callKey, RecordedCall, type CallOrigin, type CallRef } from './recorded-call.js';

/**
 * The calls this core records or may record, by device and call instance,
 * and which calls the engine has on the devices it serves (from the call
 * signals the core is sent): what lets a SIPREC session find an API call
 * to adopt, and a Cisco BiB leg find its pair.
 */
export class RecordedCalls {
  private readonly calls = new Map<string, RecordedCall>();
  /** The engine's live call instances per device. */
  private readonly engineCalls = new Map<string, Set<string>>();
  private nextInstance = 1;

  get(identity: { readonly deviceId: string; readonly callInstance?: string }): RecordedCall | undefined {
    return this.calls.get(callKey(identity));
  }

  /** The call of a Cisco BiB pair whose first leg came already. */
  byRefci(refci: string): RecordedCall | undefined {
    for (const call of this.calls.values()) if (call.refci === refci && !call.ended) return call;
    return undefined;
  }

  create(identity: CallRef, origin: CallOrigin): RecordedCall {
    const call = new RecordedCall(identity, origin);
    this.calls.set(call.key, call);
    return call;
  }

  /** Forgets the call once nothing is left of it. */
  release(call: RecordedCall): void {
    if (call.idle && this.calls.get(call.key) === call) this.calls.delete(call.key);
  }

  /** Moves a call to another device (a transfer the metadata reported). */
  rekey(call: RecordedCall, identity: CallRef): void {
    if (this.calls.get(call.key) === call) this.calls.delete(call.key);
    call.identity = identity;
    this.calls.set(call.key, call);
  }

  /**
   * The call a new session on `deviceId` brings audio for: one waiting for
   * its audio (the engine recorded an API call here before the session
   * came), else an engine call here no session feeds yet. Undefined: the
   * session is a new call.
   */
  adoptable(deviceId: string): RecordedCall | CallRef | undefined {
    for (const call of this.calls.values()) {
      if (call.identity.deviceId === deviceId && call.dialogs.size === 0 && !call.ended) return call;
    }
    for (const instance of this.engineCalls.get(deviceId) ?? []) {
      const existing = this.get({ deviceId, callInstance: instance });
      if (!existing || existing.dialogs.size === 0) return { deviceId, callInstance: instance };
    }
    return undefined;
  }

  /** A call instance for a new session's call: the default one when the device has no call, else one of its own. */
  freeInstance(deviceId: string): string {
    const live = this.engineCalls.get(deviceId);
    const taken = (instance: string) => live?.has(instance) || this.get({ deviceId, callInstance: instance }) !== undefined;
    if (!taken('')) return '';
    let instance: string;
    do instance = `siprec-${this.nextInstance++}`;
    while (taken(instance));
    return instance;
  }

  engineCallStarted(deviceId: string, callInstance: string): void {
    let live = this.engineCalls.get(deviceId);
    if (!live) this.engineCalls.set(deviceId, (live = new Set()));
    live.add(callInstance);
  }

  engineCallStopped(deviceId: string, callInstance: string): void {
    const live = this.engineCalls.get(deviceId);
    live?.delete(callInstance);
    if (live?.size === 0) this.engineCalls.delete(deviceId);
    const call = this.get({ deviceId, callInstance });
    if (call) {
      call.ended = true;
      this.release(call);
    }
  }

  all(): IterableIterator<RecordedCall> {
    return this.calls.values();
  }
}
