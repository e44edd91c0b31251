import { MetadataError, readRecordingSession, type MetadataHeaders, type RecordingSession } from '../metadata/index.js';
import { planAnswer, readOffer, SdpError, type AnswerPlan, type SdpOffer } from '../sdp/index.js';
import { SiprecRefusal } from './siprec-refusal.js';

/** An SDP read and planned: the SRC's offer and the SRS's decision on each stream. */
export interface PlannedOffer {
  readonly offer: SdpOffer;
  readonly plan: AnswerPlan;
}

/**
 * Reads and plans an SDP offer (or, for a delayed offer, the SRC's answer in its ACK).
 * @throws SiprecRefusal 400 for SDP that is not SDP, 488 for one without audio or a codec the SRS records
 */
export function planOffer(sdp: string): PlannedOffer {
  try {
    const offer = readOffer(sdp);
    return { offer, plan: planAnswer(offer) };
  } catch (err) {
    if (err instanceof SdpError) throw new SiprecRefusal(err.problem === 'unparseable' ? 400 : 488, `${err.problem === 'unparseable' ? 'Bad Request' : 'Not Acceptable Here'} (${err.message})`);
    throw err;
  }
}

/**
 * The recording session of a request: from its metadata, else its headers.
 * @throws SiprecRefusal 400 when the metadata cannot be read
 */
export function readSession(headers: MetadataHeaders, metadata: string | undefined, offer: SdpOffer | undefined): RecordingSession {
  try {
    return readRecordingSession({ headers, metadata, mediaLines: offer?.streams.map((s) => ({ label: s.label })) });
  } catch (err) {
    if (err instanceof MetadataError) throw new SiprecRefusal(400, `Bad Request (${err.message})`);
    throw err;
  }
}
