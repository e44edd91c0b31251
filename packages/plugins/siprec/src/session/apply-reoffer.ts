import { compareOffers, writeAnswer } from '../sdp/index.js';
import { legPorts, openLeg } from './dialog-legs.js';
import type { PlannedOffer } from './read-request-session.js';
import type { SessionContext } from './session-context.js';
import type { SiprecDialog } from './siprec-dialog.js';
import { SiprecRefusal } from './siprec-refusal.js';

/**
 * A re-offer in the dialog (re-INVITE or UPDATE with SDP): streams added get
 * a port, removed ones give theirs back, a changed codec is decoded from the
 * next packet on, `a=inactive` (or c=0.0.0.0) stops a stream and its return
 * starts it again. Returns the answer. A re-offer that cannot be honoured
 * leaves the dialog as it was (RFC 3261 §14.2).
 * @throws SiprecRefusal 503 when a new stream finds no port
 */
export async function applyReoffer(dialog: SiprecDialog, next: PlannedOffer, ctx: SessionContext): Promise<string> {
  const last = dialog.offer;
  const accepted = new Map(next.plan.accepted.map((s) => [s.offered.index, s]));
  const added = [...accepted.values()].filter((s) => !dialog.legs.has(s.offered.index));
  const ports = await ctx.ports.bind(added.length).catch((err: Error) => {
    throw new SiprecRefusal(503, `Service Unavailable (${err.message})`, [['Retry-After', '5']]);
  });
  for (const [index, held] of [...dialog.legs]) {
    const stream = accepted.get(index);
    if (!stream) {
      ctx.ports.release([held.port]);
      dialog.legs.delete(index);
      continue;
    }
    held.leg.codec = stream.codec;
    held.leg.telephoneEvent = stream.telephoneEvent;
    held.leg.sending = stream.offered.sending;
  }
  added.forEach((stream, i) => openLeg(dialog, stream, ports[i]!, ctx));
  if (last) {
    const changes = compareOffers(last, next.offer).map((c) => `${c.kind} ${c.stream.label ?? `m-line ${c.stream.index}`}`);
    if (changes.length > 0) ctx.log.debug({ callId: dialog.callId, changes }, 'SIPREC re-offer');
  }
  dialog.offer = next.offer;
  dialog.plan = next.plan;
  dialog.localSdp = writeAnswer(next.plan, { origin: dialog.origin.next(), address: ctx.mediaAddress, ports: legPorts(dialog) });
  return dialog.localSdp;
}
