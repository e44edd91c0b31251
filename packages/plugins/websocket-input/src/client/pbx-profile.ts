import type { ClientModeOptions } from '../options.js';
import type { CallSignal } from './call-signal.js';

/** What a profile made of one PBX message. */
export interface ProfileReading {
  readonly signals: readonly CallSignal[];
  /** Why the message meant nothing, for the debug log (an event type the profile does not follow…). */
  readonly note?: string;
}

/**
 * How one PBX's event socket reads: what to send once connected, what it
 * wants as a heartbeat, and what each of its JSON messages means for calls.
 */
export interface PbxProfile {
  /** Text frames to send after connecting (a subscription). */
  greeting(): string[];
  /** Sent with every heartbeat ping, for PBXs that only count application messages. */
  readonly heartbeatText?: string;
  /** Non-JSON frames the PBX sends routinely (a heartbeat's answer), not worth a warning. */
  isChatter(text: string): boolean;
  read(message: Record<string, unknown>): ProfileReading;
}

/** Which DEVICEID a PBX endpoint or extension is: the `devices` map, else itself unless `ignoreUnmapped`. */
export function deviceLookup(options: Pick<ClientModeOptions, 'devices' | 'ignoreUnmapped'>): (...names: string[]) => string | undefined {
  return (...names) => {
    for (const name of names) if (Object.hasOwn(options.devices, name)) return options.devices[name];
    return options.ignoreUnmapped ? undefined : names.at(-1);
  };
}
