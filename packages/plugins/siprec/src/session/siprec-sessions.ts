import type { TimerHandle } from '@callwire/plugin-api';
import { buildInDialogRequest, buildResponse, tagOf, type ReplyChannel, type Respond, type SipRequest, type SipRequestHandler } from '../sip/index.js';
import { applyReoffer } from './apply-reoffer.js';
import { attachCall, detachCall, holdChanged, metadataChanged } from './call-link.js';
import { openLeg } from './dialog-legs.js';
import { openDialog } from './open-dialog.js';
import { planOffer, readSession } from './read-request-session.js';
import type { SessionContext } from './session-context.js';
import { findParties } from './find-parties.js';
import { summarize, type SessionSummary } from './session-summary.js';
import { expiryMs, readSessionTimer, sessionTimerHeaders } from './session-timer.js';
import { readSiprecBody } from './siprec-body.js';
import type { SiprecDialog } from './siprec-dialog.js';
import { SiprecRefusal } from './siprec-refusal.js';

/** How long a stopping SRS waits for the SRCs to answer its BYEs. */
const BYE_WAIT_MS = 2000;

/**
 * The SIPREC session layer above the SIP transactions: one SiprecDialog
 * per recording session, from the INVITE to the BYE. A new INVITE is
 * answered at once (streams decided, ports bound); its call starts at the
 * ACK. Re-INVITE and UPDATE carry re-offers (streams added or removed,
 * codec changes, hold and back) and new metadata (a transfer); BYE, a
 * CANCEL before the answer, a missing ACK and an expired session timer end
 * the dialog. What cannot be honoured is answered with the status that
 * says why (400, 415, 422, 481, 488, 503), and the server goes on.
 */
export class SiprecSessions implements SipRequestHandler {
  private readonly dialogs = new Map<string, SiprecDialog>();
  /** Call-IDs of INVITEs being opened, and whether a CANCEL came meanwhile. */
  private readonly opening = new Map<string, { cancelled: boolean }>();

  constructor(private readonly ctx: SessionContext) {}

  get size(): number {
    return this.dialogs.size;
  }

  dialog(callId: string): SiprecDialog | undefined {
    return this.dialogs.get(callId);
  }

  summaries(): SessionSummary[] {
    return [...this.dialogs.values()].map(summarize);
  }

  dialogsOf(callIds: Iterable<string>): SiprecDialog[] {
    return [...callIds].flatMap((id) => this.dialogs.get(id) ?? []);
  }

  async onRequest(request: SipRequest, respond: Respond, channel: ReplyChannel): Promise<void> {
    try {
      await this.route(request, respond, channel);
    } catch (err) {
      if (!(err instanceof SiprecRefusal)) throw err;
      this.ctx.log.info({ method: request.method, callId: request.headers.get('Call-ID'), status: err.status }, `SIPREC ${request.method} answered ${err.status}: ${err.message}`);
      respond(buildResponse(request, err.status, { reason: err.message.replace(/[\r\n]/g, ' '), toTag: this.dialogs.get(callIdOf(request))?.localTag ?? 'refused', headers: err.headers }));
    }
  }

  onAck(ack: SipRequest): void {
    const dialog = this.dialogs.get(callIdOf(ack));
    if (!dialog || dialog.confirmed || dialog.ended) return;
    dialog.confirmed = true;
    void this.confirm(dialog, ack).catch((err: Error) => {
      // An ACK is never answered: a session that cannot go on (an answer in the ACK it cannot use) is ended with a BYE.
      this.ctx.log.warn({ err, callId: dialog.callId }, `SIPREC session ${dialog.callId} could not start: ${err.message}; ending it`);
      return this.end(dialog, 'the ACK could not be used', true, `SIP;cause=488;text="${err.message.replace(/["\\\r\n]/g, ' ').slice(0, 100)}"`);
    });
  }

  onCancel(invite: SipRequest): void {
    const callId = callIdOf(invite);
    const opening = this.opening.get(callId);
    if (opening) opening.cancelled = true;
    const dialog = this.dialogs.get(callId);
    if (dialog && !dialog.confirmed) void this.end(dialog, 'CANCEL before the answer', false);
  }

  onAckTimeout(invite: SipRequest): void {
    const dialog = this.dialogs.get(callIdOf(invite));
    if (dialog && !dialog.confirmed) void this.end(dialog, 'no ACK came for the 200', false);
  }

  /**
   * Ends every dialog with a BYE (the plugin stops), and waits for the SRCs'
   * answers — at most BYE_WAIT_MS, so an SRC that is gone cannot hold up the
   * stop (its socket must not close under the BYEs still being sent).
   */
  async closeAll(reason: string): Promise<void> {
    const byes: Promise<number>[] = [];
    await Promise.all([...this.dialogs.values()].map((d) => this.end(d, reason, d.confirmed, undefined, byes)));
    if (byes.length === 0) return;
    let timer: TimerHandle | undefined;
    const cap = new Promise<void>((resolve) => (timer = this.ctx.timers.setTimeout(resolve, BYE_WAIT_MS)));
    await Promise.race([Promise.all(byes), cap]);
    this.ctx.timers.clearTimeout(timer);
  }

  private async route(request: SipRequest, respond: Respond, channel: ReplyChannel): Promise<void> {
    const callId = callIdOf(request);
    const dialog = this.dialogs.get(callId);
    const inDialog = tagOf(request.headers.get('To')) !== undefined;
    if (request.method === 'INVITE' && !inDialog) {
      if (dialog || this.opening.has(callId)) throw new SiprecRefusal(482, 'Loop Detected (a second INVITE for a session in progress)');
      return this.open(request, respond, channel);
    }
    if (!dialog || dialog.ended || !this.belongs(request, dialog)) throw new SiprecRefusal(481, 'Call/Transaction Does Not Exist');
    switch (request.method) {
      case 'INVITE':
      case 'UPDATE':
        return this.modify(dialog, request, respond);
      case 'BYE':
        respond(buildResponse(request, 200));
        return this.end(dialog, 'BYE', false);
      default: // INFO (e.g. a Cisco keep-alive, DTMF relay): nothing to do
        respond(buildResponse(request, 200));
    }
  }

  /**
   * Whether a request is of the dialog: its To tag is ours — or, for a BYE,
   * it has none but the SRC's From tag matches (the Cisco CUBE NBR flow
   * sends its BYE without the To tag; ending the session it names is what
   * the SRC means).
   */
  private belongs(request: SipRequest, dialog: SiprecDialog): boolean {
    const toTag = tagOf(request.headers.get('To'));
    if (toTag !== undefined) return toTag === dialog.localTag;
    return request.method === 'BYE' && tagOf(request.headers.get('From')) === tagOf(dialog.remote.from);
  }

  private async open(request: SipRequest, respond: Respond, channel: ReplyChannel): Promise<void> {
    const callId = callIdOf(request);
    const opening = { cancelled: false };
    this.opening.set(callId, opening);
    try {
      const { dialog, response } = await openDialog(request, channel, this.ctx);
      if (opening.cancelled) {
        this.ctx.ports.release(dialog.ports);
        return;
      }
      this.dialogs.set(callId, dialog);
      this.armExpiry(dialog);
      respond(response);
      this.ctx.log.debug({ callId, dialect: dialog.session.dialect, streams: dialog.legs.size, device: dialog.parties.deviceId }, 'SIPREC session answered');
    } finally {
      this.opening.delete(callId);
    }
  }

  /** The ACK confirmed the dialog: a delayed offer's answer is read, then the call is tied. */
  private async confirm(dialog: SiprecDialog, ack: SipRequest): Promise<void> {
    if (dialog.reserved.length > 0) {
      const { sdp } = readSiprecBody(ack);
      if (sdp === undefined) {
        this.ctx.log.warn({ callId: dialog.callId }, `SIPREC session ${dialog.callId}: the ACK brought no SDP answer to the SRS's offer; ending it`);
        return this.end(dialog, 'no answer in the ACK', true);
      }
      const { offer, plan } = planOffer(sdp);
      dialog.offer = offer;
      dialog.plan = plan;
      dialog.session = readSession(dialog.headers, undefined, offer);
      dialog.parties = await findParties(dialog.session, this.ctx);
      const reserved = dialog.reserved;
      dialog.reserved = [];
      plan.accepted.forEach((stream) => {
        const port = reserved[stream.offered.index];
        if (port) openLeg(dialog, stream, port, this.ctx);
      });
      this.ctx.ports.release(reserved.filter((_, i) => !dialog.legs.has(i)));
    }
    if (dialog.ended) return;
    const kept = await attachCall(dialog, this.ctx);
    if (!kept) return this.end(dialog, 'not scheduled for recording', true, `SIP;cause=${this.ctx.options.unscheduled.declineStatus};text="not scheduled for recording"`);
    if (!dialog.sending) await holdChanged(dialog, this.ctx);
  }

  /** A re-INVITE or UPDATE: a re-offer, new metadata, a session refresh — any of them. */
  private async modify(dialog: SiprecDialog, request: SipRequest, respond: Respond): Promise<void> {
    const timer = readSessionTimer(request, this.ctx.options.sessionExpires);
    const body = readSiprecBody(request);
    const planned = body.sdp === undefined ? undefined : planOffer(body.sdp);
    const session = body.metadata === undefined ? undefined : readSession(dialog.headers, body.metadata, planned?.offer ?? dialog.offer);
    let answer: string | undefined;
    if (planned) answer = await applyReoffer(dialog, planned, this.ctx);
    if (timer.kind === 'timer') dialog.sessionExpires = timer.expires;
    this.armExpiry(dialog);
    respond(buildResponse(request, 200, {
      toTag: dialog.localTag,
      contact: this.ctx.contact(dialog.channel.transport),
      headers: sessionTimerHeaders(timer),
      // A re-INVITE without an offer gets ours (RFC 3261 §14.2); an UPDATE without one gets no body.
      ...(answer !== undefined || request.method === 'INVITE' ? { body: answer ?? dialog.localSdp, contentType: 'application/sdp' } : {}),
    }));
    if (session) await metadataChanged(dialog, session, this.ctx);
    if (planned) await holdChanged(dialog, this.ctx);
  }

  /** Ends a dialog: ports closed, its call detached (and stopped when it was the session's), a BYE sent when asked. */
  private async end(dialog: SiprecDialog, reason: string, bye: boolean, byeReason?: string, byes?: Promise<number>[]): Promise<void> {
    if (dialog.ended) return;
    dialog.ended = true;
    this.ctx.timers.clearTimeout(dialog.expiry);
    this.dialogs.delete(dialog.callId);
    this.ctx.ports.release(dialog.ports);
    dialog.legs.clear();
    if (bye) {
      const sent = this.sendBye(dialog, byeReason);
      byes?.push(sent);
    }
    await detachCall(dialog, this.ctx, reason);
  }

  /** Sends our BYE; resolves with the SRC's final status (408 when none came). */
  private sendBye(dialog: SiprecDialog, reason: string | undefined): Promise<number> {
    const transport = dialog.channel.transport;
    const request = buildInDialogRequest({
      method: 'BYE',
      uri: dialog.remote.contact ?? `sip:${dialog.channel.remote.address}:${dialog.channel.remote.port}`,
      sentBy: this.ctx.sentBy(transport),
      from: withTag(dialog.remote.to, dialog.localTag),
      to: dialog.remote.from,
      callId: dialog.callId,
      cseq: ++dialog.localCseq,
      headers: reason ? [['Reason', reason]] : [],
    }, transport);
    return this.ctx.send(request, dialog).then((status) => {
      if (status >= 300) this.ctx.log.info({ callId: dialog.callId, status }, `the SRC answered the SRS's BYE with ${status}`);
      return status;
    });
  }

  /** RFC 4028: a dialog with a session timer not refreshed in time is ended, with a BYE. */
  private armExpiry(dialog: SiprecDialog): void {
    this.ctx.timers.clearTimeout(dialog.expiry);
    if (dialog.sessionExpires === undefined) return;
    dialog.expiry = this.ctx.timers.setTimeout(() => {
      this.ctx.log.warn({ callId: dialog.callId, sessionExpires: dialog.sessionExpires }, `SIPREC session ${dialog.callId} was not refreshed within its session interval; ending it`);
      void this.end(dialog, 'session timer expired', true, 'SIP;cause=408;text="session timer expired"');
    }, expiryMs(dialog.sessionExpires));
  }
}

function callIdOf(request: SipRequest): string {
  return request.headers.get('Call-ID') ?? '';
}

function withTag(address: string, tag: string): string {
  return tagOf(address) === undefined ? `${address};tag=${tag}` : address;
}
