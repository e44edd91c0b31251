import type { ChannelStatus, DeviceAssignment, RecorderCore } from '@callwire/plugin-api';

/** How often a served core announces itself; the engine node counts one silent for ANNOUNCE_MISSED of these as gone. */
export const ANNOUNCE_INTERVAL_MS = 1000;
export const ANNOUNCE_MISSED = 3;

/**
 * What a `callwire core` process says about one of its cores on the
 * announce subject: at start, every ANNOUNCE_INTERVAL_MS, when the engine
 * node asks, and (`gone`) when it stops. The
 * engine node's proxy of the core answers `serves`, `hasFreeChannel` and
 * `channels` from the latest one.
 */
export interface CoreAnnouncement {
  /** The core process's cluster node name. */
  readonly node: string;
  /** Changes at each start of the core: a new boot is a new core, whatever its COREIDENT. */
  readonly bootId: string;
  readonly coreIdent: number;
  readonly mediaType?: string;
  readonly recordsAudio: boolean;
  readonly screenCapture: boolean;
  readonly silence: boolean;
  readonly devices: DeviceAssignment;
  readonly channels: readonly ChannelStatus[];
  readonly health?: { readonly ok: boolean; readonly problems: readonly string[] };
  /** The keys of the recordings the engine ordered that run on it now (an earlier engine node's, too, until stopped). */
  readonly recordings: readonly string[];
  /** The core stopped cleanly: its recordings are finished. */
  readonly gone?: boolean;
}

/** The announcement of `core` now. */
export function announcementOf(core: RecorderCore, node: string, bootId: string, recordings: Iterable<string>, gone = false): CoreAnnouncement {
  return {
    node, bootId, coreIdent: core.coreIdent, mediaType: core.mediaType, recordings: [...recordings],
    recordsAudio: core.recordsAudio !== false, screenCapture: core.screenCapture === true, silence: typeof core.silence === 'function',
    devices: core.deviceAssignment?.() ?? {}, channels: core.channels(), health: core.health?.(),
    ...(gone ? { gone } : {}),
  };
}

/** The recorder-core methods served over NATS, each `<prefix>.core.<ident>.<method>`. */
export const CORE_METHODS = ['notify', 'startRecording', 'stopRecording', 'pauseRecording', 'resumeRecording', 'silence'] as const;
export type CoreMethod = (typeof CORE_METHODS)[number];

/** A method's reply: its result, and the channels after it (so the proxy's CHANNELS need not wait for the next announcement). */
export interface CoreReply {
  readonly result: unknown;
  readonly channels: readonly ChannelStatus[];
}
