import type { InputContext } from '@callwire/plugin-api';
import type { LinkAttempt, LinkConnection } from '@callwire/plugin-kit';

/** One open connection to the TAPI bridge, whatever carries it (TCP or WebSocket). */
export interface BridgeConnection extends LinkConnection {
  /** Sends one message (one JSON line on TCP, one text frame on WebSocket). */
  send(message: object): void;
  /** Closes the connection. */
  close(): void;
}

/** What a connection reports while it is open (its loss goes to the link, through the attempt). */
export interface ConnectionEvents {
  /** One message from the bridge, as text, and the connection to answer it on. */
  line(text: string, connection: BridgeConnection): void;
  /** Something the bridge sent could not be read as messages (the connection stays up). */
  problem(description: string): void;
}

/** How a connection is opened and kept alive. */
export interface ConnectionSettings {
  /** Liveness check interval: PING over TCP, a WebSocket ping over WebSocket. */
  readonly heartbeatMs: number;
  /** The plugin's clock and timers (the heartbeat runs on them). */
  readonly context: Pick<InputContext, 'clock' | 'timers'>;
}

/** Opens one connection for a link attempt; rejects when it cannot be opened. */
export type OpenConnection = (attempt: LinkAttempt, events: ConnectionEvents) => Promise<BridgeConnection>;

/** The largest message accepted from a bridge, in characters. */
export const MAX_MESSAGE_LENGTH = 1024 * 1024;
