import { chooseCodec } from './answer-plan.js';
import type { Codec } from './codecs.js';
import type { OfferedStream, SdpOffer } from './read-offer.js';

/** How one audio stream of a re-offer differs from the same m-line of the last offer. */
export type OfferChange =
  /** A new m-line, or a removed one given a port again. */
  | { readonly kind: 'added'; readonly stream: OfferedStream }
  /** Port 0 now (RFC 3264 §8.2), or the m-line is gone. */
  | { readonly kind: 'removed'; readonly stream: OfferedStream }
  /** The codec the SRS would record changed (undefined: none it records). */
  | { readonly kind: 'codec-changed'; readonly stream: OfferedStream; readonly from: Codec | undefined; readonly to: Codec | undefined }
  /** The SRC stopped sending: a=inactive / recvonly, or c=0.0.0.0 (hold): the recording pauses. */
  | { readonly kind: 'paused'; readonly stream: OfferedStream }
  /** The SRC sends again after a pause: the recording resumes. */
  | { readonly kind: 'resumed'; readonly stream: OfferedStream };

/**
 * Compares a re-offer with the last offer of the dialog, audio m-line by
 * m-line (streams keep their position across offers, RFC 3264 §8).
 * A dialog's unchanged re-offer (a session refresh) gives no changes.
 */
export function compareOffers(last: SdpOffer, next: SdpOffer): OfferChange[] {
  const changes: OfferChange[] = [];
  const count = Math.max(last.streams.length, next.streams.length);
  for (let index = 0; index < count; index++) {
    const before = audioAt(last, index);
    const after = audioAt(next, index);
    if (before && !before.removed && !after) changes.push({ kind: 'removed', stream: before });
    if (after) changes.push(...streamChanges(before, after));
  }
  return changes;
}

function audioAt(offer: SdpOffer, index: number): OfferedStream | undefined {
  const stream = offer.streams[index];
  return stream?.media === 'audio' ? stream : undefined;
}

function streamChanges(before: OfferedStream | undefined, after: OfferedStream): OfferChange[] {
  if (!before || (before.removed && !after.removed)) return [{ kind: 'added', stream: after }];
  if (after.removed) return before.removed ? [] : [{ kind: 'removed', stream: after }];
  const changes: OfferChange[] = [];
  const from = chooseCodec(before);
  const to = chooseCodec(after);
  if (from?.name !== to?.name || from?.payloadType !== to?.payloadType) changes.push({ kind: 'codec-changed', stream: after, from, to });
  if (before.sending && !after.sending) changes.push({ kind: 'paused', stream: after });
  if (!before.sending && after.sending) changes.push({ kind: 'resumed', stream: after });
  return changes;
}
