import { randomBytes } from 'node:crypto';
import type { Timers } from '@callwire/plugin-api';
import type { ReplyChannel } from './reply-channel.js';
import { serializeSipMessage } from './serialize-sip-message.js';
import { SipHeaders } from './sip-headers.js';
import type { SipRequest, SipResponse } from './sip-message.js';
import type { SipTimerValues } from './sip-timer-values.js';

/** A new branch id, with RFC 3261's magic cookie. */
export const newBranch = (): string => `z9hG4bK${randomBytes(8).toString('hex')}`;

/** What a request the SRS sends inside a dialog is made of. */
export interface InDialogRequest {
  readonly method: 'BYE';
  /** The remote target (the SRC's Contact URI). */
  readonly uri: string;
  /** Our Via sent-by: `host:port`. */
  readonly sentBy: string;
  /** From: the SRS's side of the dialog (the To of the SRC's INVITE, with our tag). */
  readonly from: string;
  /** To: the SRC's side (the From of its INVITE, with its tag). */
  readonly to: string;
  readonly callId: string;
  readonly cseq: number;
  /** Extra headers (Reason, …). */
  readonly headers?: readonly (readonly [string, string])[];
}

/** Builds a request the SRS sends in a dialog (RFC 3261 §12.2.1.1), without a body. */
export function buildInDialogRequest(request: InDialogRequest, transport: string): SipRequest {
  const headers = new SipHeaders()
    .append('Via', `SIP/2.0/${transport} ${request.sentBy};branch=${newBranch()};rport`)
    .append('Max-Forwards', '70')
    .append('From', request.from)
    .append('To', request.to)
    .append('Call-ID', request.callId)
    .append('CSeq', `${request.cseq} ${request.method}`);
  for (const [name, value] of request.headers ?? []) headers.append(name, value);
  headers.append('Content-Length', '0');
  return { kind: 'request', method: request.method, uri: request.uri, version: 'SIP/2.0', headers, body: Buffer.alloc(0) };
}

/**
 * A non-INVITE client transaction (RFC 3261 §17.1.2) reduced to what the
 * SRS needs: the request is sent, retransmitted over an unreliable transport
 * (Timer E, doubling to T2) until a final response or Timer F (64*T1).
 * Resolves with the final status, or 408 when none came.
 */
export class ClientTransaction {
  private finished = false;
  private retransmit: ReturnType<Timers['setTimeout']> | undefined;
  private timeout: ReturnType<Timers['setTimeout']> | undefined;
  private resolveResult!: (status: number) => void;
  readonly result = new Promise<number>((resolve) => (this.resolveResult = resolve));
  readonly branch: string;

  constructor(
    private readonly request: SipRequest,
    private readonly channel: ReplyChannel,
    private readonly timers: Timers,
    private readonly values: SipTimerValues,
  ) {
    this.branch = /branch=([^;,\s]+)/i.exec(request.headers.get('Via') ?? '')?.[1] ?? '';
  }

  start(): void {
    const bytes = serializeSipMessage(this.request);
    this.channel.send(bytes);
    if (!this.channel.reliable) this.scheduleRetransmit(bytes, this.values.t1);
    this.timeout = this.timers.setTimeout(() => this.finish(408), 64 * this.values.t1);
  }

  /** A response to this transaction arrived. */
  receive(response: SipResponse): void {
    if (response.status >= 200) this.finish(response.status);
  }

  private scheduleRetransmit(bytes: Buffer, interval: number): void {
    this.retransmit = this.timers.setTimeout(() => {
      if (this.finished) return;
      this.channel.send(bytes);
      this.scheduleRetransmit(bytes, Math.min(2 * interval, this.values.t2));
    }, interval);
  }

  private finish(status: number): void {
    if (this.finished) return;
    this.finished = true;
    this.timers.clearTimeout(this.retransmit);
    this.timers.clearTimeout(this.timeout);
    this.resolveResult(status);
  }
}
