import type { Timers } from '@callwire/plugin-api';
import type { ReplyChannel } from './reply-channel.js';
import type { SipRequest, SipResponse } from './sip-message.js';
import type { SipTimerValues } from './sip-timer-values.js';

/** The timers a server transaction runs on and their base values. */
export interface TransactionTiming {
  readonly timers: Timers;
  readonly values: SipTimerValues;
}

/** What every server transaction (RFC 3261 §17.2) has: its request, its channel, the last response for retransmissions. */
export abstract class ServerTransaction {
  abstract readonly state: string;
  private last: Buffer | undefined;

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly channel: ReplyChannel,
    protected readonly timing: TransactionTiming,
  ) {}

  /** Sends a response in this transaction. */
  abstract respond(response: SipResponse): void;

  abstract terminate(): void;

  /** The same request again: re-send the last response, if any. */
  retransmitted(): void {
    if (this.last && this.state !== 'terminated') this.channel.send(this.last);
  }

  /** Sends and keeps bytes as the response to re-send. */
  protected send(bytes: Buffer): void {
    this.last = bytes;
    this.channel.send(bytes);
  }
}
