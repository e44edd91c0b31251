import { randomBytes } from 'node:crypto';
import { readOffer } from '../../src/sdp/index.js';
import type { NgClient } from './ng-client.js';
import { RtpEndpoint } from './rtp-endpoint.js';

const HOST = '127.0.0.1';

/** A call between two simulated phones whose media runs through rtpengine, each phone sending its own tone. */
export interface ToneCall {
  readonly callId: string;
  /** Phone A's SIP tag (the caller, From). */
  readonly fromTag: string;
  /** Phone B's SIP tag (the callee, To). */
  readonly toTag: string;
  readonly phoneA: RtpEndpoint;
  readonly phoneB: RtpEndpoint;
  /** Stops both phones and closes their sockets (the call stays in rtpengine until `ng.delete`). */
  close(): void;
}

export interface ToneCallOptions {
  /** Hz of A's tone (default 440) and B's (default 1000). */
  readonly aTone?: number;
  readonly bTone?: number;
  /** Packets each phone must have received from the other before this resolves; default 10 (200 ms). */
  readonly flowing?: number;
}

/**
 * Sets up a call as a SIP proxy would through rtpengine: A's offer
 * rewritten for B, B's answer rewritten for A; then each phone sends PCMU
 * to the rtpengine port its rewritten SDP names, paced at 20 ms, until
 * close(). Resolves once media flows both ways through rtpengine.
 */
export async function startToneCall(ng: NgClient, options: ToneCallOptions = {}): Promise<ToneCall> {
  const [phoneA, phoneB] = await Promise.all([RtpEndpoint.open(), RtpEndpoint.open()]);
  const close = (): void => {
    phoneA.close();
    phoneB.close();
  };
  const call = { callId: `callwire-${randomBytes(6).toString('hex')}`, fromTag: 'alice-tag', toTag: 'bob-tag' };
  try {
    const offerToB = await ng.offer(call, phoneSdp('alice', phoneA.port));
    const answerToA = await ng.answer(call, phoneSdp('bob', phoneB.port));
    phoneA.sendTone(mediaTarget(answerToA), options.aTone ?? 440, 0xa11ce);
    phoneB.sendTone(mediaTarget(offerToB), options.bTone ?? 1000, 0xb0b);
    await Promise.all([phoneA.until(options.flowing ?? 10), phoneB.until(options.flowing ?? 10)]);
  } catch (err) {
    close();
    throw err;
  }
  return { ...call, phoneA, phoneB, close };
}

/** A phone's SDP: PCMU on `port` of 127.0.0.1, sendrecv. */
function phoneSdp(name: string, port: number): string {
  return ['v=0', `o=${name} 1 1 IN IP4 ${HOST}`, 's=-', `c=IN IP4 ${HOST}`, 't=0 0', `m=audio ${port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=ptime:20', 'a=sendrecv', ''].join('\r\n');
}

/** Where an SDP rtpengine wrote says to send media: its first audio stream's address and port. */
function mediaTarget(sdp: string): { host: string; port: number } {
  const [stream] = readOffer(sdp).audio;
  if (stream?.address === undefined) throw new Error(`rtpengine's SDP names no audio address:\n${sdp}`);
  return { host: stream.address, port: stream.port };
}
