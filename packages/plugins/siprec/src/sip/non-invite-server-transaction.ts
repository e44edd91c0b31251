import type { TimerHandle } from '@callwire/plugin-api';
import type { ReplyChannel } from './reply-channel.js';
import { serializeSipMessage } from './serialize-sip-message.js';
import { ServerTransaction, type TransactionTiming } from './server-transaction.js';
import type { SipRequest, SipResponse } from './sip-message.js';

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2: retransmissions of
 * the request are answered with the last response sent (none while Trying);
 * after the final response Timer J (64*T1, 0 over TCP) keeps the cache.
 */
export class NonInviteServerTransaction extends ServerTransaction {
  state: 'trying' | 'proceeding' | 'completed' | 'terminated' = 'trying';
  private timerJ: TimerHandle | undefined;

  constructor(key: string, request: SipRequest, channel: ReplyChannel, timing: TransactionTiming, private readonly terminated: (transaction: NonInviteServerTransaction) => void) {
    super(key, request, channel, timing);
  }

  /** Sends a response; ignored once a final one was sent. */
  respond(response: SipResponse): void {
    if (this.state === 'completed' || this.state === 'terminated') return;
    this.send(serializeSipMessage(response));
    if (response.status < 200) {
      this.state = 'proceeding';
      return;
    }
    this.state = 'completed';
    this.timerJ = this.timing.timers.setTimeout(() => this.terminate(), this.channel.reliable ? 0 : 64 * this.timing.values.t1);
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.timing.timers.clearTimeout(this.timerJ);
    this.state = 'terminated';
    this.terminated(this);
  }
}
