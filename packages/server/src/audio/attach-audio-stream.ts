import type { LiveAudioTap, RecorderCore } from '@callwire/plugin-api';
import { queryParams, shownValue } from '../web/query-params.js';
import { attachWebSocketEndpoint, type WebSocketClientRules, type WebSocketEndpoint } from '../web/websocket-endpoint.js';
import { LiveAudioClient } from './live-audio-client.js';

/** Where the endpoint looks for a device's running recording: the engine's CoreRegistry. */
export interface LiveAudioCores {
  /** The call cores serving a device, by COREIDENT. */
  coresFor(deviceId: string): readonly RecorderCore[];
}

export interface AudioStreamEndpointOptions extends WebSocketClientRules {
  readonly cores: LiveAudioCores;
  /** Matched in any casing; default `/audio`. */
  readonly path?: string;
  /** A client with more than this many bytes waiting is dropped with 1013; default 1 MiB. */
  readonly maxBacklogBytes?: number;
  /** Milliseconds of audio per binary frame; default 40. */
  readonly frameMs?: number;
}

/** The running `/audio` endpoint. */
export type AudioStreamEndpoint = WebSocketEndpoint;

/**
 * Serves a live recording's decoded audio as a WebSocket on the web port:
 * `GET /audio?device=DEVICEID` (the hook transcription engines use). The
 * first core serving the device whose liveAudio offers its running
 * recording feeds the client (LiveAudioClient: a JSON start, binary PCM
 * frames, a JSON stop, close 1000). Refused before the upgrade: no device
 * named, 400; no recording running on it (or none whose core offers live
 * audio), 404; credentials, origins, the client limit and the heartbeat are
 * those of every WebSocket endpoint (websocket-endpoint.ts), `/events`'s too.
 */
export function attachAudioStream(options: AudioStreamEndpointOptions): AudioStreamEndpoint {
  const clientOptions = { frameMs: options.frameMs ?? 40, maxBacklogBytes: options.maxBacklogBytes ?? 1024 * 1024 };
  return attachWebSocketEndpoint({
    ...options,
    path: options.path ?? '/audio',
    noun: 'audio',
    admit(url) {
      const device = queryParams(url.searchParams).get('device') ?? '';
      if (device === '') return { status: 400, reason: 'device= is missing: name the DEVICEID whose recording to stream' };
      const client = new LiveAudioClient(clientOptions);
      const tap = firstTap(options, device, client);
      if (!tap) return { status: 404, reason: `device ${shownValue(device)} has no recording running whose audio can be streamed` };
      client.holds(tap);
      return { open: (ws, log) => client.attach(ws, log), abandon: () => client.release() };
    },
  });
}

/** The tap of the first core that offers the device's running recording; a core whose liveAudio throws is logged and passed over. */
function firstTap({ cores, log }: AudioStreamEndpointOptions, device: string, client: LiveAudioClient): LiveAudioTap | undefined {
  for (const core of cores.coresFor(device)) {
    try {
      const tap = core.liveAudio?.(device, client);
      if (tap) return tap;
    } catch (err) {
      log.error({ err, coreIdent: core.coreIdent, device }, `recorder core ${core.coreIdent} failed to offer live audio: ${(err as Error)?.message ?? String(err)}`);
    }
  }
  return undefined;
}
