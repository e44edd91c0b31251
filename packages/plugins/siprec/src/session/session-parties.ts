import type { CallData, CallDirection } from '@callwire/plugin-api';
import type { RecordingParticipant, RecordingSession } from '../metadata/index.js';
import { MIXED, type PartySide } from '../media/media-leg.js';

/** Who is recorded in a session, as the call and the file see them. */
export interface SessionParties {
  /** Our device: the participant whose number matches `devices.match`; undefined when none does. */
  readonly deviceId: string | undefined;
  readonly device: RecordingParticipant | undefined;
  /** Everyone else: the far end (a conference has several). */
  readonly farEnd: readonly RecordingParticipant[];
  /** ANI, DNIS, CALLDIRECTION and CALLID for the call. */
  readonly data: CallData;
}

/**
 * The number of an address of record: the user part of a sip:/sips: URI
 * (host or not), a tel: number, or the text before '@' of a bare
 * `user@host` (Sonus); '' when it has none.
 */
export function numberOf(aor: string | undefined): string {
  if (!aor) return '';
  const uri = aor.trim().replace(/^<|>$/g, '').replace(/^(?:sips?|tel):/i, '');
  const user = uri.split(/[@;]/)[0] ?? '';
  try {
    return decodeURIComponent(user);
  } catch {
    return user;
  }
}

/**
 * Reads the call from a recording session: the device is the first
 * participant whose number matches `deviceMatch`; the direction comes from
 * the participants' roles where the SRC gave them (our device calling: O;
 * called: I), else it is '?'; ANI is the
 * calling number, DNIS the called one; CALLID the call's correlation id,
 * the one other systems know it by first (Avaya UCID, Cisco x-refci, the
 * recorded call's own Call-ID, else the recording dialog's).
 */
export function sessionParties(session: RecordingSession, deviceMatch: RegExp): SessionParties {
  const { participants } = session;
  const device = participants.find((p) => deviceMatch.test(numberOf(p.aor)));
  const farEnd = participants.filter((p) => p !== device);
  const direction = directionOf(device, farEnd);
  const far = farEnd.find((p) => numberOf(p.aor) !== '');
  const caller = participants.find((p) => p.role === 'caller') ?? (direction === 'O' ? device : far);
  const callee = participants.find((p) => p.role === 'callee') ?? (direction === 'O' ? far : device);
  const ids = session.callIds;
  const callId = ids.ucid ?? ids.refci ?? ids.csCallId ?? ids.callId;
  return {
    deviceId: device ? numberOf(device.aor) : undefined,
    device,
    farEnd,
    data: { ani: numberOf(caller?.aor), dnis: numberOf(callee?.aor), direction, ...(callId ? { callId } : {}) },
  };
}

function directionOf(device: RecordingParticipant | undefined, farEnd: readonly RecordingParticipant[]): CallDirection {
  if (!device) return '?';
  if (device.role === 'caller' || farEnd.some((p) => p.role === 'callee')) return 'O';
  if (device.role === 'callee' || farEnd.some((p) => p.role === 'caller')) return 'I';
  return '?';
}

/**
 * The file channel a stream's audio goes to: our device's (right) when only
 * the device sends it, the far end's (left) when only others do, both when
 * the device and another party send it (an SRC that mixes the call into one
 * stream: Metaswitch). A stream whose sender is not said takes the side
 * the other streams leave free (the Oracle flow labels its second m-line
 * but not the metadata's stream), else m-line order (first left, second
 * right).
 */
export function sideOfStream(session: RecordingSession, parties: SessionParties, mLineIndex: number): PartySide {
  const known = (index: number): PartySide | undefined => {
    const senders = session.streams.find((s) => s.mLineIndex === index)?.senders ?? [];
    const byDevice = parties.device !== undefined && senders.includes(parties.device.id);
    const byOthers = senders.some((id) => id !== parties.device?.id);
    if (byDevice && byOthers) return MIXED;
    if (byDevice) return 1;
    if (byOthers) return 0;
    return undefined;
  };
  const own = known(mLineIndex);
  if (own !== undefined) return own;
  const others = session.streams.flatMap((s) => (s.mLineIndex === undefined || s.mLineIndex === mLineIndex ? [] : [known(s.mLineIndex)]));
  if (others.includes(1) && !others.includes(0)) return 0;
  if (others.includes(0) && !others.includes(1)) return 1;
  return mLineIndex % 2 === 0 ? 0 : 1;
}
