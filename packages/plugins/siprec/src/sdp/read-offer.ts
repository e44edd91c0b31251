import { parse, type MediaDescription, type SessionDescription } from 'sdp-transform';
import { codecOf, TELEPHONE_EVENT, type Codec } from './codecs.js';
import { SdpError } from './sdp-error.js';

/** A stream's direction as the SRC states it (RFC 3264 §5.1), media-level over session-level, sendrecv if unsaid. */
export type Direction = 'sendonly' | 'recvonly' | 'sendrecv' | 'inactive';

/** An SDES key line (RFC 4568 `a=crypto`): noted, not used; SRTP is not supported yet. */
export interface CryptoLine {
  readonly tag: number;
  readonly suite: string;
}

/** One m-line of an offer. */
export interface OfferedStream {
  /** Position of the m-line (0-based): what ties a re-offer's stream to the first one (RFC 3264 §8). */
  readonly index: number;
  /** The media type: `audio`, `video`, `application`, ... Only audio is recorded; the rest is refused. */
  readonly media: string;
  /** `a=label` (RFC 4574): what the metadata's stream elements refer to. */
  readonly label: string | undefined;
  readonly direction: Direction;
  /** The c= address in force for the stream (media-level over session-level). */
  readonly address: string | undefined;
  /** c= is 0.0.0.0 (or ::): the old way of putting a stream on hold (RFC 2543). */
  readonly held: boolean;
  readonly port: number;
  /** Port 0: the SRC removed the stream (RFC 3264 §8.2). */
  readonly removed: boolean;
  /** Transport protocol of the m-line: RTP/AVP, RTP/SAVP, ... */
  readonly protocol: string;
  /** The m-line's format list as offered (payload types for RTP). */
  readonly formats: readonly string[];
  /** The audio formats, in the offer's order of preference (telephone-event not among them). */
  readonly codecs: readonly Codec[];
  /** RFC 4733 telephone-event formats offered beside the audio. */
  readonly telephoneEvents: readonly Codec[];
  readonly ptime: number | undefined;
  readonly crypto: readonly CryptoLine[];
  /** The SRC multiplexes RTCP on the RTP port (RFC 5761). */
  readonly rtcpMux: boolean;
  /** Media flows from the SRC on this stream now: audio, not removed, not held, sendonly or sendrecv. */
  readonly sending: boolean;
}

/** The o= line of an offer. */
export interface OfferOrigin {
  readonly username: string;
  readonly sessionId: string;
  readonly version: string;
  readonly address: string;
}

/** An SRC's SDP offer, read. */
export interface SdpOffer {
  readonly origin: OfferOrigin | undefined;
  /** Every m-line, in order; non-audio ones are kept so the answer can refuse them in place. */
  readonly streams: readonly OfferedStream[];
  /** The audio streams among them. */
  readonly audio: readonly OfferedStream[];
}

/**
 * Reads an SRC's SDP offer into its streams. Tolerant: unknown lines are
 * ignored, a direction may be given per session or per stream or not at all.
 * Throws SdpError when the text is not SDP or offers no audio stream.
 */
export function readOffer(text: string): SdpOffer {
  if (!/^v=/m.test(text)) throw new SdpError('unparseable', 'the SDP has no v= line');
  const session = parse(text);
  const streams = (session.media ?? []).map((media, index) => readStream(session, media, index));
  const audio = streams.filter((s) => s.media === 'audio');
  if (audio.length === 0) throw new SdpError('no-audio', `the SDP offers no audio stream (m-lines: ${streams.map((s) => s.media).join(', ') || 'none'})`);
  return { origin: readOrigin(session), streams, audio };
}

function readOrigin(session: SessionDescription): OfferOrigin | undefined {
  const o = session.origin;
  if (!o) return undefined;
  return { username: String(o.username), sessionId: String(o.sessionId), version: String(o.sessionVersion), address: String(o.address) };
}

function readStream(session: SessionDescription, media: MediaDescription, index: number): OfferedStream {
  const direction: Direction = media.direction ?? session.direction ?? 'sendrecv';
  const address = media.connection?.ip ?? session.connection?.ip;
  const held = address === '0.0.0.0' || address === '::';
  const port = Number(media.port);
  const removed = port === 0;
  const formatList = String(media.payloads ?? '').split(' ').filter((f) => f !== '');
  const codecs = media.type === 'audio' ? readCodecs(media, formatList) : [];
  return {
    index,
    media: media.type,
    label: media.label === undefined ? undefined : String(media.label),
    direction,
    address,
    held,
    port,
    removed,
    protocol: media.protocol,
    formats: formatList,
    codecs: codecs.filter((c) => c.name !== TELEPHONE_EVENT),
    telephoneEvents: codecs.filter((c) => c.name === TELEPHONE_EVENT),
    ptime: media.ptime === undefined ? undefined : Number(media.ptime),
    crypto: (media.crypto ?? []).map((c) => ({ tag: Number(c.id), suite: String(c.suite) })),
    rtcpMux: media.rtcpMux !== undefined,
    sending: media.type === 'audio' && !removed && !held && (direction === 'sendonly' || direction === 'sendrecv'),
  };
}

/** The m-line's payload types with their codecs, in the m-line's order. */
function readCodecs(media: MediaDescription, formats: readonly string[]): Codec[] {
  const payloadTypes = formats.filter((f) => /^\d+$/.test(f)).map(Number);
  return payloadTypes.map((pt) =>
    codecOf(
      pt,
      media.rtp.find((r) => r.payload === pt),
      media.fmtp.find((f) => f.payload === pt)?.config,
    ),
  );
}
