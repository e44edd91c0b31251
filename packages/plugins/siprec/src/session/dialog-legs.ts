import { readDtmfEvent } from '../media/dtmf-event.js';
import { receiveLeg, type LegSink } from '../media/leg-receiver.js';
import type { MediaLeg } from '../media/media-leg.js';
import { fileRateOf } from '../media/payload-decoder.js';
import type { RtpPort } from '../media/rtp-port-pool.js';
import type { AnsweredStream } from '../sdp/index.js';
import type { SessionContext } from './session-context.js';
import { sideOfStream } from './session-parties.js';
import type { SiprecDialog } from './siprec-dialog.js';

type Accepted = Extract<AnsweredStream, { accepted: true }>;

/** Where a dialog's packets go: the call it belongs to now (none yet: dropped). */
function sinkOf(dialog: SiprecDialog, ctx: SessionContext): LegSink {
  return {
    audio: (leg, packet, from, now) => dialog.call?.receive(leg, packet, from, now),
    dtmf: (_leg, packet) => {
      const event = readDtmfEvent(packet.payload);
      if (event) dialog.call?.noteDtmf(event.digit, packet.timestamp, ctx.clock.now());
    },
    dropped: (reason) => void ctx.dropped[reason]++,
  };
}

/** Starts receiving an accepted stream of the dialog on `port`. */
export function openLeg(dialog: SiprecDialog, stream: Accepted, port: RtpPort, ctx: SessionContext): MediaLeg {
  const index = stream.offered.index;
  const leg: MediaLeg = {
    key: `${dialog.callId}#${index}`,
    side: sideOfStream(dialog.session, dialog.parties, index),
    label: stream.offered.label,
    codec: stream.codec,
    telephoneEvent: stream.telephoneEvent,
    sending: stream.offered.sending,
  };
  dialog.legs.set(index, { leg, port });
  receiveLeg(leg, port, sinkOf(dialog, ctx), (err) =>
    ctx.log.error({ err, callId: dialog.callId, port: port.port }, `RTP port ${port.port} of session ${dialog.callId} failed: ${err.message}`),
  );
  return leg;
}

/** Gives every leg's side again from the dialog's metadata (it changed: a transfer, a new participant). */
export function resideLegs(dialog: SiprecDialog): void {
  for (const [index, { leg }] of dialog.legs) leg.side = sideOfStream(dialog.session, dialog.parties, index);
}

/** The file rate the dialog's audio needs. */
export function dialogRate(dialog: SiprecDialog): 8000 | 16000 {
  return fileRateOf([...dialog.legs.values()].map((l) => l.leg.codec));
}

/** The ports of the legs by m-line index, for the answer. */
export function legPorts(dialog: SiprecDialog): Map<number, number> {
  return new Map([...dialog.legs].map(([index, { port }]) => [index, port.port]));
}
