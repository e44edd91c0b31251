import { randomBytes } from 'node:crypto';
import type { Logger, Timers } from '@callwire/plugin-api';
import { buildResponse, type ResponseOptions } from './build-response.js';
import { InviteServerTransaction } from './invite-server-transaction.js';
import { NonInviteServerTransaction } from './non-invite-server-transaction.js';
import type { ReplyChannel } from './reply-channel.js';
import type { TransactionTiming } from './server-transaction.js';
import { HANDLED_METHODS, type SipRequestHandler } from './sip-handler.js';
import type { SipMessage, SipRequest } from './sip-message.js';
import { DEFAULT_SIP_TIMERS, type SipTimerValues } from './sip-timer-values.js';
import { ClientTransaction } from './client-request.js';
import { ackKey, transactionKey } from './transaction-key.js';

type AnyTransaction = InviteServerTransaction | NonInviteServerTransaction;

export interface SipTransactionLayerOptions {
  readonly handler: SipRequestHandler;
  readonly timers: Timers;
  readonly timerValues?: SipTimerValues;
  readonly log?: Pick<Logger, 'warn'>;
}

/** The Allow header of the responses this layer makes (RFC 3261 §20.5). */
export const ALLOW = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'UPDATE', 'INFO'].join(', ');

/**
 * The UAS side of RFC 3261 §17.2 for every transport: requests matched to
 * their server transaction (retransmissions answered from it), new ones
 * given to the handler, ACK for a 2xx passed up, CANCEL answered 200 with
 * the INVITE answered 487, OPTIONS answered 200 unless the handler takes
 * them, other methods 501. Responses that arrive are dropped (a UAS only).
 */
export class SipTransactionLayer {
  private readonly transactions = new Map<string, AnyTransaction>();
  private readonly awaitingAck = new Map<string, InviteServerTransaction>();
  /** Requests the SRS sent (BYE), by branch, until their final response. */
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly handler: SipRequestHandler;
  private readonly timing: TransactionTiming;
  private readonly log: Pick<Logger, 'warn'> | undefined;

  constructor(options: SipTransactionLayerOptions) {
    this.handler = options.handler;
    this.timing = { timers: options.timers, values: options.timerValues ?? DEFAULT_SIP_TIMERS };
    this.log = options.log;
  }

  /** Live server transactions (for tests and metrics). */
  get size(): number {
    return this.transactions.size;
  }

  receive(message: SipMessage, channel: ReplyChannel): void {
    if (message.kind === 'response') {
      const branch = /branch=([^;,\s]+)/i.exec(message.headers.get('Via') ?? '')?.[1];
      if (branch) this.clients.get(branch)?.receive(message);
      return;
    }
    if (message.method === 'ACK') return this.receiveAck(message);
    const key = transactionKey(message);
    const existing = this.transactions.get(key);
    if (existing) return existing.retransmitted();
    if (message.method === 'CANCEL') return this.receiveCancel(message, key, channel);
    if (message.method === 'INVITE') {
      const invite = new InviteServerTransaction(key, message, channel, this.timing, {
        accepted: (t) => this.awaitingAck.set(ackKey(t.request), t),
        ackTimedOut: (t) => this.handler.onAckTimeout?.(t.request),
        terminated: (t) => this.forget(t),
      });
      this.transactions.set(key, invite);
      invite.start();
      return this.dispatch(invite);
    }
    const transaction = new NonInviteServerTransaction(key, message, channel, this.timing, (t) => this.forget(t));
    this.transactions.set(key, transaction);
    this.dispatch(transaction);
  }

  /**
   * Sends a request of the SRS's own (a BYE) over `channel` and resolves
   * with its final status (408 when none came in time).
   */
  send(request: SipRequest, channel: ReplyChannel): Promise<number> {
    const transaction = new ClientTransaction(request, channel, this.timing.timers, this.timing.values);
    this.clients.set(transaction.branch, transaction);
    transaction.start();
    return transaction.result.finally(() => this.clients.delete(transaction.branch));
  }

  /** Ends every transaction and its timers (the server stops). */
  close(): void {
    for (const transaction of [...this.transactions.values()]) transaction.terminate();
  }

  private receiveAck(ack: SipRequest): void {
    const matched = this.transactions.get(transactionKey(ack));
    if (matched instanceof InviteServerTransaction && matched.state === 'completed') {
      matched.ack();
      return;
    }
    const accepted = this.awaitingAck.get(ackKey(ack));
    if (accepted?.ack()) this.handler.onAck?.(ack);
  }

  private receiveCancel(cancel: SipRequest, key: string, channel: ReplyChannel): void {
    const transaction = new NonInviteServerTransaction(key, cancel, channel, this.timing, (t) => this.forget(t));
    this.transactions.set(key, transaction);
    const invite = this.transactions.get(transactionKey(cancel, 'INVITE'));
    if (!(invite instanceof InviteServerTransaction)) {
      transaction.respond(this.answer(cancel, 481));
      return;
    }
    transaction.respond(this.answer(cancel, 200));
    if (invite.state !== 'proceeding') return;
    invite.respond(this.answer(invite.request, 487));
    this.handler.onCancel?.(invite.request);
  }

  private dispatch(transaction: AnyTransaction): void {
    const { request } = transaction;
    const respond = transaction.respond.bind(transaction);
    if (request.method === 'OPTIONS' && !this.handler.handlesOptions) {
      return respond(this.answer(request, 200, { headers: [['Allow', ALLOW], ['Accept', 'application/sdp, multipart/mixed']] }));
    }
    if (!HANDLED_METHODS.includes(request.method)) return respond(this.answer(request, 501, { headers: [['Allow', ALLOW]] }));
    const failed = (error: unknown) => {
      this.log?.warn({ err: error, method: request.method, callId: request.headers.get('Call-ID') }, 'SIP request handler failed: answered 500');
      respond(this.answer(request, 500));
    };
    try {
      const pending = this.handler.onRequest(request, respond, transaction.channel);
      if (pending) pending.catch(failed);
    } catch (error) {
      failed(error);
    }
  }

  private answer(request: SipRequest, status: number, options: ResponseOptions = {}) {
    return buildResponse(request, status, { toTag: randomBytes(6).toString('hex'), ...options });
  }

  private forget(transaction: AnyTransaction): void {
    if (this.transactions.get(transaction.key) === transaction) this.transactions.delete(transaction.key);
    if (transaction instanceof InviteServerTransaction) {
      const key = ackKey(transaction.request);
      if (this.awaitingAck.get(key) === transaction) this.awaitingAck.delete(key);
    }
  }
}
