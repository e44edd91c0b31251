import { MediaStream } from './media-stream.js';
import type { PacketCounters } from './packet-counters.js';

/** Where a datagram came from (dgram's RemoteInfo has these). */
export interface PacketSource {
  readonly address: string;
  readonly port: number;
}

/** Side A (left channel) or side B (right channel) of a call. */
export type Side = 0 | 1;

/** Where a packet's SSRC goes. */
export type SideRoute =
  | { readonly kind: 'known' | 'latched'; readonly side: Side; readonly stream: MediaStream }
  /** A new SSRC took over a side whose stream had gone quiet; `previous` is that stream. */
  | { readonly kind: 'takeover'; readonly side: Side; readonly stream: MediaStream; readonly previous: MediaStream }
  /** Both sides are taken by live streams: the packet is not recorded. */
  | { readonly kind: 'rejected' };

/**
 * Which RTP stream records on which side of a call. The first SSRC heard is
 * side A (left), the second side B (right). A further SSRC replaces the side
 * that has been quiet the longest, if that side has sent nothing for
 * `takeoverMs` — a PBX that re-INVITEs (transfer, hold music, codec change)
 * starts a new SSRC and stops the old one. Otherwise the SSRC is refused: a
 * third party's stream never mixes into a two-sided recording.
 */
export class SsrcSides {
  readonly streams: [MediaStream | undefined, MediaStream | undefined] = [undefined, undefined];

  constructor(
    private readonly takeoverMs: number,
    private readonly counters: PacketCounters,
  ) {}

  /** The side of a packet from `from` with `ssrc`, arrived at monotonic time `now`. */
  route(ssrc: number, from: PacketSource, now: number): SideRoute {
    const [a, b] = this.streams;
    if (a?.ssrc === ssrc) return { kind: 'known', side: 0, stream: a };
    if (b?.ssrc === ssrc) return { kind: 'known', side: 1, stream: b };
    if (!a) return { kind: 'latched', side: 0, stream: (this.streams[0] = new MediaStream(ssrc, `${from.address}:${from.port}`, now, this.counters)) };
    if (!b) return { kind: 'latched', side: 1, stream: (this.streams[1] = new MediaStream(ssrc, `${from.address}:${from.port}`, now, this.counters)) };
    const side: Side = a.lastArrival <= b.lastArrival ? 0 : 1;
    const previous = this.streams[side]!;
    if (now - previous.lastArrival < this.takeoverMs) return { kind: 'rejected' };
    const stream = new MediaStream(ssrc, `${from.address}:${from.port}`, now, this.counters);
    this.streams[side] = stream;
    return { kind: 'takeover', side, stream, previous };
  }
}
