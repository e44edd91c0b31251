import { randomBytes } from 'node:crypto';
import { AnswerOrigin, writeAnswer, writeRecvonlyOffer } from '../sdp/index.js';
import { buildResponse, type ReplyChannel, type SipRequest, type SipResponse } from '../sip/index.js';
import { openLeg, legPorts } from './dialog-legs.js';
import { metadataHeaders } from './metadata-headers.js';
import { planOffer, readSession } from './read-request-session.js';
import type { SessionContext } from './session-context.js';
import { findParties } from './find-parties.js';
import { readSessionTimer, sessionTimerHeaders, MIN_SE } from './session-timer.js';
import { readSiprecBody } from './siprec-body.js';
import { SiprecDialog } from './siprec-dialog.js';
import { SiprecRefusal } from './siprec-refusal.js';

/** A dialog opened by an INVITE, and the 200 that answers it. */
export interface OpenedDialog {
  readonly dialog: SiprecDialog;
  readonly response: SipResponse;
}

/**
 * Takes a new SIPREC INVITE: reads its body (SDP offer and metadata, or
 * neither: a delayed offer), decides every stream, binds a port for each
 * one it records and writes the 200 with the SRS's recvonly answer (or, for
 * a delayed offer, its own recvonly offer, answered in the ACK). The call is
 * not started here: that waits for the ACK, so a CANCEL before it records
 * nothing.
 * @throws SiprecRefusal with the status to answer (400, 415, 422, 488, 503)
 */
export async function openDialog(request: SipRequest, channel: ReplyChannel, ctx: SessionContext): Promise<OpenedDialog> {
  const timer = readSessionTimer(request, ctx.options.sessionExpires);
  if (timer.kind === 'too-small') throw new SiprecRefusal(422, `Session Interval Too Small (${timer.asked} s)`, [['Min-SE', String(MIN_SE)]]);
  const body = readSiprecBody(request);
  const planned = body.sdp === undefined ? undefined : planOffer(body.sdp);
  const headers = metadataHeaders(request.headers);
  const session = readSession(headers, body.metadata, planned?.offer);
  const portCount = planned ? planned.plan.accepted.length : 1;
  const ports = await ctx.ports.bind(portCount).catch((err: Error) => {
    throw new SiprecRefusal(503, `Service Unavailable (${err.message})`, [['Retry-After', '5']]);
  });
  const callId = request.headers.get('Call-ID') ?? '';
  const origin = new AnswerOrigin(ctx.mediaAddress, String(Math.floor(ctx.clock.now() / 1000)));
  const remote = { from: request.headers.get('From') ?? '', to: request.headers.get('To') ?? '', contact: contactUri(request.headers.get('Contact')) };
  const dialog = new SiprecDialog(callId, randomBytes(6).toString('hex'), headers, remote, channel, origin, session, await findParties(session, ctx));
  if (timer.kind === 'timer') dialog.sessionExpires = timer.expires;
  if (planned) {
    dialog.offer = planned.offer;
    dialog.plan = planned.plan;
    planned.plan.accepted.forEach((stream, i) => openLeg(dialog, stream, ports[i]!, ctx));
    dialog.localSdp = writeAnswer(planned.plan, { origin: origin.next(), address: ctx.mediaAddress, ports: legPorts(dialog) });
  } else {
    dialog.reserved = ports;
    dialog.localSdp = writeRecvonlyOffer(origin.next(), ctx.mediaAddress, ports.map((p) => p.port));
  }
  const response = buildResponse(request, 200, {
    toTag: dialog.localTag,
    contact: ctx.contact(channel.transport),
    headers: [['Supported', 'timer'], ...sessionTimerHeaders(timer)],
    body: dialog.localSdp,
    contentType: 'application/sdp',
  });
  return { dialog, response };
}

/** The URI of a Contact header value (`"x" <sip:a@b>;expires=…` → `sip:a@b`). */
function contactUri(contact: string | undefined): string | undefined {
  if (!contact) return undefined;
  const bracketed = /<([^>]*)>/.exec(contact);
  return (bracketed ? bracketed[1]! : contact.split(';')[0]!).trim() || undefined;
}
