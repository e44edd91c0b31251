/** How the responses to one received request leave: over the socket it came on, to where its Via says. */
export interface ReplyChannel {
  /** 'UDP' or 'TCP', as a Via names it. */
  readonly transport: string;
  /** True when the transport retransmits itself (TCP): no Timer G, Timer I and J are zero. */
  readonly reliable: boolean;
  /** The peer the request came from. */
  readonly remote: { readonly address: string; readonly port: number };
  send(bytes: Buffer): void;
}
