import type { CallData } from '@callwire/plugin-api';
import type { CallSignal } from './call-signal.js';

/** A call a profile follows: the device and instance it is, and where it stands. */
interface FollowedCall {
  readonly deviceId: string;
  readonly instance: string;
  data: CallData;
  live: boolean;
  held: boolean;
}

/** Which device and call instance a PBX event is about. */
export interface CallAt {
  readonly deviceId: string;
  readonly instance: string;
}

/**
 * The calls a PBX profile follows, and the small state machine all
 * profiles share: a device that dials starts a call at once; a device that
 * rings starts one when it answers (or at once with `startOnRing`); hold and
 * answer of a call never seen start it (the earlier events were missed);
 * the end stops it. Repeated events change nothing. Each method returns the
 * signals to carry out.
 */
export class FollowedCalls {
  private readonly calls = new Map<string, FollowedCall>();

  constructor(private readonly startOnRing: boolean) {}

  /** The device is being called. */
  ring(key: string, at: CallAt, data: CallData): CallSignal[] {
    const call = this.follow(key, at, data);
    return this.startOnRing ? this.start(call) : [];
  }

  /** The device placed the call (dialing, ringback). */
  dial(key: string, at: CallAt, data: CallData): CallSignal[] {
    return this.start(this.follow(key, at, data));
  }

  /** The call is answered (or talking again after hold). */
  answer(key: string, at: CallAt, data: CallData): CallSignal[] {
    const call = this.follow(key, at, data);
    if (!call.live) return this.start(call);
    if (!call.held) return [];
    call.held = false;
    return [{ kind: 'retrieve', identity: identity(call) }];
  }

  hold(key: string, at: CallAt, data: CallData): CallSignal[] {
    const call = this.follow(key, at, data);
    const signals = call.live ? [] : this.start(call);
    if (call.held) return signals;
    call.held = true;
    return [...signals, { kind: 'hold', identity: identity(call) }];
  }

  /** The call is taken off hold without being answered anew (ARI ChannelUnhold). */
  retrieve(key: string): CallSignal[] {
    const call = this.calls.get(key);
    if (!call?.live || !call.held) return [];
    call.held = false;
    return [{ kind: 'retrieve', identity: identity(call) }];
  }

  /** New numbers for a call: a live call is updated with what changed. */
  update(key: string, data: CallData): CallSignal[] {
    const call = this.calls.get(key);
    if (!call) return [];
    const changed = Object.fromEntries(Object.entries(data).filter(([k, v]) => v !== undefined && call.data[k as keyof CallData] !== v)) as CallData;
    call.data = { ...call.data, ...changed };
    return call.live && Object.keys(changed).length > 0 ? [{ kind: 'update', identity: identity(call), data: changed }] : [];
  }

  /** The call is over; a call that never started just ends. */
  end(key: string): CallSignal[] {
    const call = this.calls.get(key);
    this.calls.delete(key);
    return call?.live ? [{ kind: 'stop', identity: identity(call) }] : [];
  }

  /** The PBX says the device is idle: every call of it is over (an end event was lost). */
  endDevice(deviceId: string): CallSignal[] {
    const keys = [...this.calls].filter(([, call]) => call.deviceId === deviceId).map(([key]) => key);
    return keys.flatMap((key) => this.end(key));
  }

  private follow(key: string, at: CallAt, data: CallData): FollowedCall {
    let call = this.calls.get(key);
    if (!call) {
      call = { ...at, data: {}, live: false, held: false };
      this.calls.set(key, call);
    }
    // Before the start, later events fill in what earlier ones lacked; after it, numbers change only through update().
    if (!call.live) call.data = { ...call.data, ...defined(data) };
    return call;
  }

  private start(call: FollowedCall): CallSignal[] {
    if (call.live) return [];
    call.live = true;
    return [{ kind: 'start', identity: identity(call), data: call.data }];
  }
}

function identity(call: FollowedCall): { deviceId: string; callInstance: string } {
  return { deviceId: call.deviceId, callInstance: call.instance };
}

function defined(data: CallData): CallData {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as CallData;
}
