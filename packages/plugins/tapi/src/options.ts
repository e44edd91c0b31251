import { z } from '@callwire/plugin-api';
import { reconnectOptions } from '@callwire/plugin-kit';

const port = z.int().min(1).max(65535);

/** TCP: the bridge listens; Callwire connects and exchanges JSON lines. */
const tcpBridge = z.strictObject({
  host: z.string().min(1),
  port,
});

/** WebSocket: one JSON message per text frame. */
const webSocketBridge = z.strictObject({
  url: z.string().regex(/^wss?:\/\/\S+$/, { error: 'must be a ws:// or wss:// URL' }),
});

/** Options of the tapi plugin (validated by the host, then frozen). */
export const tapiOptions = z.strictObject({
  /** Where the TAPI bridge listens: `{ host, port }` (JSON lines over TCP) or `{ url }` (WebSocket). */
  bridge: z.union([tcpBridge, webSocketBridge]),
  /**
   * Line device → DEVICEID, keyed by the bridge's line id (dwDeviceID, as a
   * string) or its line name. The id is tried first.
   */
  lines: z.record(z.string(), z.string().min(1).max(64)).default({}),
  /**
   * The DEVICEID of a line `lines` does not name: the line's `name` or its
   * dialable `address` as the bridge reports them, or `ignore` its calls.
   */
  unmappedLines: z.enum(['name', 'address', 'ignore']).default('name'),
  /** When a call becomes a Callwire call (CALLSTART). See README "When a call starts". */
  start: z
    .strictObject({
      /** `connected`: an inbound call starts when answered; a call never answered leaves no trace. `offering`: it starts when it rings. */
      inbound: z.enum(['connected', 'offering']).default('connected'),
      /** `dialing`: an outbound call starts at its first DIALTONE/DIALING/PROCEEDING/RINGBACK. `connected`: when answered. */
      outbound: z.enum(['dialing', 'connected']).default('dialing'),
    })
    .prefault({}),
  /** Liveness check interval: PING over TCP, a WebSocket ping over WebSocket. Two missed beats drop the connection. */
  heartbeatSeconds: z.number().positive().default(30),
  /** Waits between reconnection attempts (the kit's `reconnect` option): doubling from `initialMs` (1000), never above `maxMs` (30000). */
  reconnect: reconnectOptions,
  /**
   * How long an ended call stays known for transfer correlation: a call
   * arriving on another line with reason TRANSFER and this call's CallID
   * within the window continues it.
   */
  transferWindowSeconds: z.number().positive().default(120),
});

/** The tapi plugin's options after validation (defaults filled in). */
export type TapiOptions = z.output<typeof tapiOptions>;
