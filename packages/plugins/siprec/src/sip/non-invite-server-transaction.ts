import type { TimerHandle, Timers } from '@callwire/plugin-api';
import type { ReplyChannel } from './reply-channel.js';
import type { SipRequest, SipResponse } from './sip-message.js';
import type { SipTimerValues } from './sip-timer-values.js';
import { serializeSipMessage } from './serialize-sip-message.js';

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2: retransmissions of
 * the request are answered with the last response sent (none while Trying);
 * after the final response Timer J (64*T1, 0 over TCP) keeps the cache.
 */
export class NonInviteServerTransaction {
  state: 'trying' | 'proceeding' | 'completed' | 'terminated' = 'trying';
  private last: Buffer | undefined;
  private timerJ: TimerHandle | undefined;

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly channel: ReplyChannel,
    private readonly timers: Timers,
    private readonly values: SipTimerValues,
    private readonly terminated: (transaction: NonInviteServerTransaction) => void,
  ) {}

  /** Sends a response; ignored once a final one was sent. */
  respond(response: SipResponse): void {
    if (this.state === 'completed' || this.state === 'terminated') return;
    this.last = serializeSipMessage(response);
    this.channel.send(this.last);
    if (response.status < 200) {
      this.state = 'proceeding';
      return;
    }
    this.state = 'completed';
    this.timerJ = this.timers.setTimeout(() => this.terminate(), this.channel.reliable ? 0 : 64 * this.values.t1);
  }

  /** The same request again: re-send the last response, if any. */
  retransmitted(): void {
    if (this.last && this.state !== 'terminated') this.channel.send(this.last);
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.timers.clearTimeout(this.timerJ);
    this.state = 'terminated';
    this.terminated(this);
  }
}
