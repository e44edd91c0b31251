/** One open connection to the TAPI bridge, whatever carries it (TCP or WebSocket). */
export interface BridgeConnection {
  /** Sends one message (one JSON line on TCP, one text frame on WebSocket). */
  send(message: object): void;
  /** Closes the connection; `closed` follows. */
  close(): void;
}

/** What a connection reports while it is open. */
export interface ConnectionEvents {
  /** One message from the bridge, as text. */
  line(text: string): void;
  /** Something the bridge sent could not be read as messages (the connection stays up). */
  problem(description: string): void;
  /** The connection ended (peer closed, error, or heartbeat missed); reported once. */
  closed(reason: string): void;
}

/** Opens one connection; rejects when it cannot be opened. */
export type OpenConnection = (events: ConnectionEvents) => Promise<BridgeConnection>;

/** The largest message accepted from a bridge. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
