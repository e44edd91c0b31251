import { z } from '@callwire/plugin-api';
import { reconnectOptions } from '@callwire/plugin-kit';

/** Server mode: PBX adapters connect to Callwire and push events in Callwire's JSON schema. */
const serverMode = z.strictObject({
  mode: z.literal('server'),
  /** Where the plugin's own WebSocket endpoint listens (its own port, not the web port). */
  listen: z.strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    /** 0 picks a free port (logged at start). */
    port: z.int().min(0).max(65535),
    /** The only path that accepts an upgrade; others answer 404. */
    path: z.string().regex(/^\//, { error: 'must start with /' }).default('/pbx'),
  }),
  /** The shared secret every adapter sends, as `?token=` or `Authorization: Bearer`. Anything else is refused with 401. */
  token: z.string().min(8, { error: 'use a token of at least 8 characters' }),
  /** A larger message closes the connection (WebSocket close 1009). */
  maxMessageBytes: z.int().min(1024).default(65536),
  /** Clients are pinged this often; one that has not answered the previous ping is dropped. */
  heartbeatSeconds: z.number().positive().default(30),
});

/** Client mode: Callwire connects to a PBX's event WebSocket and reads its events through a profile. */
const clientMode = z.strictObject({
  mode: z.literal('client'),
  /** How the PBX's events read: `asterisk-ari` (ARI /ari/events) or `yeastar` (P-Series OpenAPI /subscribe). */
  profile: z.enum(['asterisk-ari', 'yeastar']),
  connect: z.strictObject({
    /** The PBX's event socket, e.g. `ws://pbx:8088/ari/events?app=callwire&api_key=user:pass` or `wss://pbx:8088/openapi/v1.0/subscribe?access_token=…`. */
    url: z.string().regex(/^wss?:\/\/\S+$/, { error: 'must be a ws:// or wss:// URL' }),
    /** Extra HTTP headers for the upgrade request (e.g. Authorization). */
    headers: z.record(z.string(), z.string()).default({}),
  }),
  /** PBX endpoint or extension → DEVICEID (ARI: `PJSIP/1001` or `1001`; Yeastar: the extension number). */
  devices: z.record(z.string(), z.string().min(1).max(64)).default({}),
  /** Follow only the endpoints/extensions `devices` names (else an unmapped one is its own DEVICEID). */
  ignoreUnmapped: z.boolean().default(false),
  /** Start a call when the device rings, not when it answers (a call never answered is then a short call). */
  startOnRing: z.boolean().default(false),
  /** Yeastar only: the event ids to subscribe to. */
  topics: z.array(z.int()).min(1).default([30011, 30008]),
  /** Ping (and, for Yeastar, the `heartbeat` text) this often; a PBX silent for a whole interval after a ping is dropped. Yeastar closes idle sockets after 60 s. */
  heartbeatSeconds: z.number().positive().default(25),
  /** Waits between attempts (the kit's `reconnect` option): doubling from `initialMs` (1000), never above `maxMs` (30000). */
  reconnect: reconnectOptions,
});

/**
 * Options of the websocket-input plugin (validated by the host, then frozen).
 * `mode` may be left out: options with `connect` or `profile` are client
 * mode, all others server mode.
 */
export const websocketInputOptions = z.preprocess(
  (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || 'mode' in value) return value;
    return { ...value, mode: 'connect' in value || 'profile' in value ? 'client' : 'server' };
  },
  z.discriminatedUnion('mode', [serverMode, clientMode]),
);

/** The websocket-input plugin's options after validation (defaults filled in). */
export type WebsocketInputOptions = z.output<typeof websocketInputOptions>;
/** Server mode's options. */
export type ServerModeOptions = z.output<typeof serverMode>;
/** Client mode's options. */
export type ClientModeOptions = z.output<typeof clientMode>;
