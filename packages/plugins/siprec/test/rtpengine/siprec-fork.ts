import { parse } from 'sdp-transform';
import type { NgClient, NgDict } from './ng-client.js';

/** One media section of rtpengine's SIPREC offer: its `a=label` and the participant whose media it carries. */
export interface ForkedStream {
  /** Position of the m-line (0-based). */
  readonly index: number;
  readonly label: string;
  /** The from-tag (SIP tag) of the participant this stream copies. */
  readonly fromTag: string;
}

/** A subscription rtpengine made for a recorder: the offer to carry to it in a SIPREC INVITE, and what names it. */
export interface RecorderFork {
  readonly callId: string;
  /** The subscription's tag; `answerFork` and `unsubscribe` name it. */
  readonly toTag: string;
  /** sendonly offer SDP, one m-line per forked participant, each with `a=label`. */
  readonly sdp: string;
  /** The m-lines in order, each tied to its participant. */
  readonly streams: readonly ForkedStream[];
}

/**
 * Asks rtpengine (an SRC's media forker) for a copy of a call's media for a
 * SIPREC recorder: `subscribe request` with the SIPREC flag, for the
 * participants `fromTags` or, by default, all of the offer/answer. The
 * returned SDP is what goes into the SIPREC INVITE's application/sdp part.
 */
export async function forkToRecorder(ng: NgClient, callId: string, fromTags?: readonly string[]): Promise<RecorderFork> {
  const offer = await ng.subscribeRequest(callId, { ...(fromTags ? { fromTags } : {}), flags: ['SIPREC'] });
  const owners = labelOwners(offer.reply['media-labels']);
  const streams = parse(offer.sdp).media.map((media, index) => {
    const label = media.label === undefined ? String(index) : String(media.label);
    const fromTag = owners.get(label);
    if (fromTag === undefined) throw new Error(`rtpengine's SIPREC offer has m-line ${index} (label ${label}) that its media-labels do not name: ${JSON.stringify(offer.reply)}`);
    return { index, label, fromTag };
  });
  return { callId, toTag: offer.toTag, sdp: offer.sdp, streams };
}

/** Hands the recorder's answer (recvonly, its ports) back to rtpengine, which then sends each forked stream to its port. */
export async function answerFork(ng: NgClient, fork: Pick<RecorderFork, 'callId' | 'toTag'>, recorderSdp: string): Promise<void> {
  await ng.subscribeAnswer(fork.callId, fork.toTag, recorderSdp);
}

/** `media-labels` of a subscribe reply (label → { tag, ... }) as label → from-tag. */
function labelOwners(mediaLabels: NgDict[string] | undefined): Map<string, string> {
  const owners = new Map<string, string>();
  if (typeof mediaLabels !== 'object' || mediaLabels === null || Array.isArray(mediaLabels)) return owners;
  for (const [label, media] of Object.entries(mediaLabels as NgDict)) {
    const tag = typeof media === 'object' && media !== null && !Array.isArray(media) ? (media as NgDict)['tag'] : undefined;
    if (typeof tag === 'string') owners.set(label, tag);
  }
  return owners;
}
