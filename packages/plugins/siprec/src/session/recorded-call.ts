import type { RemoteInfo } from 'node:dgram';
import type { LiveAudioParticipant } from '@callwire/plugin-api';
import type { RtpPacket } from '@callwire/plugin-kit';
import type { DtmfDigit } from '../media/dtmf-event.js';
import type { MediaLeg } from '../media/media-leg.js';
import type { PartyRecording } from '../media/party-recording.js';
import type { SessionParties } from './session-parties.js';

/** How the call a session records came to be. */
export type CallOrigin =
  /** The SIPREC session started it (CALLSTART through CallSignals); its end stops it. */
  | 'session'
  /** An input plugin or the API had it first: the session only brings its audio. */
  | 'adopted';

/** A device's call instance: what the engine knows a call by. */
export interface CallRef {
  readonly deviceId: string;
  /** CALLINSTANCE; '' is the device's default instance. */
  readonly callInstance: string;
}

/** DTMF digits kept per call at most (a runaway IVR must not grow memory). */
const MAX_DTMF = 256;

/**
 * A call on one of our devices that this core records, or may: the SIPREC
 * dialogs bringing its audio (one; two for a Cisco BiB pair) and the
 * recordings the engine runs on it. Exists as soon as either is there — an
 * API call's recording waits here for the SIPREC audio that comes later.
 */
export class RecordedCall {
  readonly recordings = new Set<PartyRecording>();
  /** Dialog Call-IDs bringing audio now. */
  readonly dialogs = new Set<string>();
  readonly dtmf: DtmfDigit[] = [];
  parties: SessionParties | undefined;
  /** Cisco BiB's x-refci: the key the second leg of the pair is found by. */
  refci: string | undefined;
  /** The file rate its recordings are written at: 16 kHz once a session brings G.722. */
  sampleRate: 8000 | 16000 = 8000;
  /** Every stream of its sessions is inactive: the call is held (its recordings paused). */
  held = false;
  /** The engine's call ended (CALLSTOP reached the core), or was never started. */
  ended = false;
  private lastDtmfTimestamp = -1;

  constructor(
    public identity: CallRef,
    readonly origin: CallOrigin,
  ) {}

  get key(): string {
    return callKey(this.identity);
  }

  /** Nothing to keep it for: no audio coming and nothing recording. */
  get idle(): boolean {
    return this.dialogs.size === 0 && this.recordings.size === 0;
  }

  receive(leg: MediaLeg, packet: RtpPacket, from: RemoteInfo, now: number): void {
    for (const recording of this.recordings) recording.receive(leg, packet, from, now);
  }

  /** Notes a DTMF digit once per event (RFC 4733: the packets of one event share a timestamp). */
  noteDtmf(digit: string, timestamp: number, at: number): void {
    if (timestamp === this.lastDtmfTimestamp || this.dtmf.length >= MAX_DTMF) return;
    this.lastDtmfTimestamp = timestamp;
    this.dtmf.push({ digit, at });
  }

  /** The participants as the live audio start message names them. */
  liveParticipants(): LiveAudioParticipant[] {
    const parties = this.parties;
    if (!parties) return [];
    const named = (p: { aor?: string; name?: string }, role: LiveAudioParticipant['role']) => ({ name: p.name ?? '', aor: p.aor ?? '', role });
    return [...(parties.device ? [named(parties.device, 'device')] : []), ...parties.farEnd.map((p) => named(p, 'farEnd'))];
  }
}

/** The map key of a device's call instance. */
export function callKey(identity: { readonly deviceId: string; readonly callInstance?: string }): string {
  return `${identity.deviceId}\u0000${identity.callInstance ?? ''}`;
}
