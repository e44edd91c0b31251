/** RFC 3261 §17 timer base values in milliseconds (Table 4); injectable so tests and sites can shorten them. */
export interface SipTimerValues {
  /** RTT estimate: Timer G starts here, Timers H and J are 64*T1. */
  readonly t1: number;
  /** The longest retransmit interval for non-INVITE requests and INVITE responses. */
  readonly t2: number;
  /** How long a message may stay in the network: Timer I. */
  readonly t4: number;
}

export const DEFAULT_SIP_TIMERS: SipTimerValues = { t1: 500, t2: 4000, t4: 5000 };
