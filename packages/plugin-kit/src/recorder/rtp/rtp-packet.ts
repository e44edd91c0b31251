/** RTP payload type of G.711 µ-law (RFC 3551 static assignment). */
export const PAYLOAD_PCMU = 0;
/** RTP payload type of G.711 A-law. */
export const PAYLOAD_PCMA = 8;
/** RTP payload type of comfort noise (RFC 3389): silence the sender chose not to send as audio. */
export const PAYLOAD_CN = 13;

/** The fields of an RTP packet (RFC 3550 §5.1) this recorder uses. */
export interface RtpPacket {
  readonly marker: boolean;
  readonly payloadType: number;
  /** 16-bit sequence number, as sent (it wraps). */
  readonly sequence: number;
  /** 32-bit media timestamp, as sent (it wraps); for G.711 one unit is one sample. */
  readonly timestamp: number;
  readonly ssrc: number;
  /** The audio, without CSRC list, header extension or padding: a view into the datagram. */
  readonly payload: Buffer;
}

/** Why a datagram is not an RTP packet this recorder can read. */
export type RtpRejection = 'too-short' | 'bad-version' | 'bad-length' | 'rtcp';

const HEADER_BYTES = 12;

/**
 * Reads an RTP header. Returns the reason as a string for datagrams that are
 * not RTP (or are RTCP multiplexed on the RTP port, RFC 5761): a recorder
 * port is reachable by anything on the network, so nothing here throws.
 */
export function parseRtpPacket(datagram: Buffer): RtpPacket | RtpRejection {
  if (datagram.length < HEADER_BYTES) return 'too-short';
  const first = datagram[0]!;
  const second = datagram[1]!;
  if (first >> 6 !== 2) return 'bad-version';
  const payloadType = second & 0x7f;
  // RTCP packet types 200–204 seen through the RTP header's marker/PT bits.
  if (payloadType >= 72 && payloadType <= 76) return 'rtcp';

  let offset = HEADER_BYTES + 4 * (first & 0x0f);
  if (first & 0x10) {
    if (datagram.length < offset + 4) return 'bad-length';
    offset += 4 + 4 * datagram.readUInt16BE(offset + 2);
  }
  let end = datagram.length;
  if (first & 0x20) {
    // The last octet counts the padding, itself included (RFC 3550 §5.1).
    const padding = datagram[end - 1]!;
    if (padding === 0) return 'bad-length';
    end -= padding;
  }
  if (offset > end) return 'bad-length';

  return {
    marker: (second & 0x80) !== 0,
    payloadType,
    sequence: datagram.readUInt16BE(2),
    timestamp: datagram.readUInt32BE(4),
    ssrc: datagram.readUInt32BE(8),
    payload: datagram.subarray(offset, end),
  };
}
