import type { Codec } from '../sdp/codecs.js';

/** Which channel of the file a leg's audio goes to: 0 the far end (left), 1 our device (right), 2 both (a stream the SRC mixed). */
export type PartySide = 0 | 1 | 2;

/** The side of a stream that carries both parties mixed. */
export const MIXED = 2;

/**
 * One accepted audio stream of an SRC's offer, as the media receiver sees
 * it: the port it arrives on, the party it carries and the payload types
 * that mean audio or DTMF. A re-offer may change the codec; the leg keeps
 * its port and side.
 */
export interface MediaLeg {
  /** `<dialog Call-ID>#<m-line index>`: unique among the core's legs. */
  readonly key: string;
  side: PartySide;
  /** The SDP label, for logs. */
  readonly label: string | undefined;
  codec: Codec;
  telephoneEvent: Codec | undefined;
  /** False while the SRC does not send on it (a=inactive, hold): packets are dropped. */
  sending: boolean;
}
