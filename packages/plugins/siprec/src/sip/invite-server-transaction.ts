import type { TimerHandle } from '@callwire/plugin-api';
import { buildResponse } from './build-response.js';
import type { ReplyChannel } from './reply-channel.js';
import { serializeSipMessage } from './serialize-sip-message.js';
import { ServerTransaction, type TransactionTiming } from './server-transaction.js';
import type { SipRequest, SipResponse } from './sip-message.js';

/** What an INVITE server transaction tells the layer that owns it. */
export interface InviteTransactionEvents {
  /** A 2xx was sent: its ACK will come as a new transaction, matched by dialog. */
  accepted(transaction: InviteServerTransaction): void;
  /** Timer H fired on a 2xx: no ACK came. */
  ackTimedOut(transaction: InviteServerTransaction): void;
  terminated(transaction: InviteServerTransaction): void;
}

/**
 * The INVITE server transaction of RFC 3261 §17.2.1, with the 2xx kept
 * alive until its ACK (§13.3.1.4, RFC 6026 "Accepted"): 100 Trying at once;
 * a non-2xx final response retransmitted over unreliable transports on
 * Timer G (T1 doubling to T2) until the ACK, a 2xx over every transport
 * (§13.3.1.4: it crosses the proxies end to end, some of them over UDP);
 * Timer H (64*T1) gives up; a
 * retransmitted INVITE re-sends the last response; after the ACK of a
 * non-2xx, Timer I (T4, 0 over TCP) absorbs stray ACKs.
 */
export class InviteServerTransaction extends ServerTransaction {
  state: 'proceeding' | 'accepted' | 'completed' | 'confirmed' | 'terminated' = 'proceeding';
  private timerG: TimerHandle | undefined;
  private timerH: TimerHandle | undefined;
  private timerI: TimerHandle | undefined;

  constructor(key: string, request: SipRequest, channel: ReplyChannel, timing: TransactionTiming, private readonly events: InviteTransactionEvents) {
    super(key, request, channel, timing);
  }

  /** Sends 100 Trying (RFC 3261 §8.2.6.1: no To tag). */
  start(): void {
    this.respond(buildResponse(this.request, 100));
  }

  /** Sends a response (a retransmitted INVITE re-sends it); ignored once a final one was sent. */
  respond(response: SipResponse): void {
    if (this.state !== 'proceeding') return;
    this.send(serializeSipMessage(response));
    if (response.status < 200) return;
    this.state = response.status < 300 ? 'accepted' : 'completed';
    if (!this.channel.reliable || this.state === 'accepted') this.scheduleG(this.timing.values.t1);
    this.timerH = this.timing.timers.setTimeout(() => this.onTimerH(), 64 * this.timing.values.t1);
    if (this.state === 'accepted') this.events.accepted(this);
  }

  /** The ACK came; true when it is the first ACK of a 2xx (the dialog layer wants it). */
  ack(): boolean {
    if (this.state !== 'accepted' && this.state !== 'completed') return false;
    const was = this.state;
    this.stopRetransmitting();
    this.state = 'confirmed';
    this.timerI = this.timing.timers.setTimeout(() => this.terminate(), this.channel.reliable ? 0 : this.timing.values.t4);
    return was === 'accepted';
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.stopRetransmitting();
    this.timing.timers.clearTimeout(this.timerI);
    this.state = 'terminated';
    this.events.terminated(this);
  }

  private scheduleG(interval: number): void {
    this.timerG = this.timing.timers.setTimeout(() => {
      this.retransmitted();
      this.scheduleG(Math.min(2 * interval, this.timing.values.t2));
    }, interval);
  }

  private onTimerH(): void {
    if (this.state === 'accepted') this.events.ackTimedOut(this);
    this.terminate();
  }

  private stopRetransmitting(): void {
    this.timing.timers.clearTimeout(this.timerG);
    this.timing.timers.clearTimeout(this.timerH);
  }
}
