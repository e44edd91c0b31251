import type { ReplyChannel } from './reply-channel.js';
import type { SipRequest, SipResponse } from './sip-message.js';

/** Sends a response in the request's server transaction; the first final one wins, later ones are ignored. */
export type Respond = (response: SipResponse) => void;

/** What the session layer (above transactions) implements. */
export interface SipRequestHandler {
  /**
   * INVITE (initial and re-), UPDATE, BYE, INFO, and OPTIONS when given:
   * answer through `respond` (use buildResponse). A throw or rejection is
   * answered 500.
   */
  onRequest(request: SipRequest, respond: Respond, channel: ReplyChannel): void | Promise<void>;
  /** Answers OPTIONS instead of the default 200; without it OPTIONS never reach onRequest. */
  readonly handlesOptions?: boolean;
  /** The ACK for a 2xx to an INVITE (the dialog is confirmed). */
  onAck?(ack: SipRequest): void;
  /** A CANCEL ended a pending INVITE (already answered 487). */
  onCancel?(invite: SipRequest): void;
  /** No ACK came for a 2xx within Timer H (64*T1): RFC 3261 §13.3.1.4 says end the session. */
  onAckTimeout?(invite: SipRequest): void;
}

/** The methods given to onRequest; others are answered 501. */
export const HANDLED_METHODS: readonly string[] = ['INVITE', 'UPDATE', 'BYE', 'INFO', 'OPTIONS'];
