import { isRecorded, RECORDED_CODECS, type Codec } from './codecs.js';
import type { OfferedStream, SdpOffer } from './read-offer.js';
import { SdpError } from './sdp-error.js';

/** Why a stream of the offer gets port 0 in the answer. */
export type RefusalReason = 'not-audio' | 'removed' | 'srtp' | 'no-codec';

/** What the SRS answers to one m-line. */
export type AnsweredStream =
  | {
      readonly offered: OfferedStream;
      readonly accepted: true;
      /** The first codec of the offer the SRS records. */
      readonly codec: Codec;
      /** telephone-event at the codec's clock rate, when offered (DTMF noted, kept out of the audio). */
      readonly telephoneEvent: Codec | undefined;
      /** recvonly; inactive when the SRC offered inactive or recvonly (RFC 3264 §6.1: nothing is to flow). */
      readonly direction: 'recvonly' | 'inactive';
    }
  | { readonly offered: OfferedStream; readonly accepted: false; readonly reason: RefusalReason };

/** The SRS's decision on every m-line of an offer, before ports are given. */
export interface AnswerPlan {
  readonly offer: SdpOffer;
  readonly streams: readonly AnsweredStream[];
  /** The accepted streams: the ones the receiver needs a port for. */
  readonly accepted: readonly Extract<AnsweredStream, { accepted: true }>[];
}

/** The first codec of the stream's offer that the SRS records, if any. */
export function chooseCodec(stream: OfferedStream): Codec | undefined {
  return stream.codecs.find(isRecorded);
}

/**
 * Decides the answer to an offer: each audio stream is accepted with the
 * first codec it offers that the SRS records, or refused (removed, SRTP,
 * no such codec); every other m-line is refused. Throws SdpError
 * 'no-codec' when audio was offered but none of it can be recorded.
 */
export function planAnswer(offer: SdpOffer): AnswerPlan {
  const streams = offer.streams.map(answerStream);
  const accepted = streams.filter((s): s is Extract<AnsweredStream, { accepted: true }> => s.accepted);
  const unrecordable = streams.filter((s) => !s.accepted && (s.reason === 'no-codec' || s.reason === 'srtp'));
  if (accepted.length === 0 && unrecordable.length > 0) {
    const offered = unrecordable.map((s) => `${s.offered.protocol} ${s.offered.codecs.map((c) => c.name).join('/') || 'no format'}`);
    throw new SdpError('no-codec', `no audio stream offers a codec the SRS records (${RECORDED_CODECS.join(', ')} over RTP/AVP); offered: ${offered.join('; ')}`);
  }
  return { offer, streams, accepted };
}

function answerStream(offered: OfferedStream): AnsweredStream {
  if (offered.media !== 'audio') return { offered, accepted: false, reason: 'not-audio' };
  if (offered.removed) return { offered, accepted: false, reason: 'removed' };
  if (offered.protocol.includes('SAVP')) return { offered, accepted: false, reason: 'srtp' };
  const codec = chooseCodec(offered);
  if (!codec) return { offered, accepted: false, reason: 'no-codec' };
  const telephoneEvent = offered.telephoneEvents.find((t) => t.rate === codec.rate);
  const direction = offered.direction === 'sendonly' || offered.direction === 'sendrecv' ? 'recvonly' : 'inactive';
  return { offered, accepted: true, codec, telephoneEvent, direction };
}
