/**
 * What happened to the datagrams a core received. Every datagram lands in
 * exactly one of the first group; the second group describes the RTP that
 * was taken. Kept per recording (logged at its end) and summed per core.
 */
export interface PacketCounters {
  /** Datagrams received on any channel. */
  datagrams: number;
  /** Datagrams on a channel with no recording running (dropped). */
  idle: number;
  tooShort: number;
  badVersion: number;
  /** Header fields (CSRC count, extension length, padding) that do not fit the datagram. */
  badLength: number;
  /** RTCP sent to the RTP port (RFC 5761 multiplexing); not needed for recording. */
  rtcp: number;
  /** Payload types other than PCMU (0), PCMA (8) and comfort noise (13): DTMF events, other codecs. */
  unknownPayload: number;
  comfortNoise: number;
  /** RTP packets of the recorded streams (PCMU/PCMA). */
  received: number;
  duplicates: number;
  /** Arrived after their audio had been written. */
  late: number;
  /** Sequence numbers never received before their turn (silence in the file). */
  lost: number;
  /** A stream re-anchored on wall time (sender clock drift, timestamp jump, long network stall). */
  resyncs: number;
  /** A new SSRC replaced a side that had gone quiet. */
  ssrcTakeovers: number;
  /** Packets of a third SSRC while both sides were live (not recorded). */
  ssrcRejected: number;
  /** Packets that arrived while the recording was paused (audio discarded). */
  discardedWhilePaused: number;
}

export function newPacketCounters(): PacketCounters {
  return {
    datagrams: 0, idle: 0, tooShort: 0, badVersion: 0, badLength: 0, rtcp: 0, unknownPayload: 0, comfortNoise: 0,
    received: 0, duplicates: 0, late: 0, lost: 0, resyncs: 0, ssrcTakeovers: 0, ssrcRejected: 0, discardedWhilePaused: 0,
  };
}

/** Adds `from` into `into`. */
export function addPacketCounters(into: PacketCounters, from: Readonly<PacketCounters>): PacketCounters {
  for (const key of Object.keys(into) as (keyof PacketCounters)[]) into[key] += from[key];
  return into;
}

/** Datagrams that were garbage: not RTP, malformed, or of a payload type the recorder cannot play. */
export function garbageCount(c: Readonly<PacketCounters>): number {
  return c.tooShort + c.badVersion + c.badLength + c.unknownPayload;
}
