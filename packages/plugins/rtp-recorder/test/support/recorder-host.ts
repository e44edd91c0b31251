import { fileURLToPath } from 'node:url';
import { CoreRegistry, type CallcopyEvent, type EventType } from '@callwire/core';
import type * as ServerTestHost from '../../../../server/test/support/test-host.js';
import type { XmlClient } from '../../../../server/test/support/xml-client.js';
import { RtpRecorderCore } from '../../src/rtp-recorder-core.js';
import { startLoggedTestHost, type LogLine } from './logged-test-host.js';

// The server's test host is imported from its build output. The path is
// computed at run time because this file runs from dist/test/support, one
// level deeper than its source; the types come from the source above.
const { startTestHost, send } = (await import(
  new URL('../../../../../server/dist/test/support/test-host.js', import.meta.url).href
)) as typeof ServerTestHost;

/** The plugin's built entry file, as a config `use:` names it. */
export const PLUGIN_ENTRY = fileURLToPath(new URL('../../src/index.js', import.meta.url));

/**
 * The jitter buffer the tests' cores use. Larger than the 60 ms default
 * because the stand-in PBX shares this process (and a busy CI machine): a
 * timer that fires late sends packets late, as a congested network would.
 */
export const TEST_JITTER_MS = 200;

/**
 * Waits a moment after the stand-in PBX's last packet before CALLSTOP: the
 * recorder places a stream from the time its first packet was taken off the
 * socket, which on a busy machine is some milliseconds after it was sent, so
 * the audio ends that much later on the recorder's clock than on the PBX's.
 */
export function afterLastPacket(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 60));
}

/** Polls `check` every 5 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A port range start unlikely to be taken: even, below the kernel's ephemeral range. */
export function freePortBase(): number {
  return 12000 + 2 * Math.floor(Math.random() * 9000);
}

/** The text of one tag of an API reply. */
export function tag(reply: string, name: string): string | undefined {
  return new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(reply)?.[1];
}

/** A call the API started and a core records: where its media must go. */
export interface RecordedCall {
  readonly device: string;
  readonly coreIdent: number;
  readonly channel: number;
  readonly key: string;
  readonly fileName: string;
  readonly target: { readonly host: string; readonly port: number };
  /** The recording's start (frame 0 of its file), as the engine set it. */
  readonly startedAt: number;
  /** Date.now() just before CALLSTART was sent, and when its reply came. */
  readonly startSentAt: number;
  readonly startRepliedAt: number;
}

/** A call the API stopped. */
export interface StoppedCall {
  readonly reply: string;
  readonly stopSentAt: number;
  readonly stopRepliedAt: number;
  readonly fileName: string;
}

/**
 * A real Callwire host (XML API, engine, SQLite in a temp dir) running the
 * rtp-recorder plugin from its built entry file, plus the steps the tests
 * repeat: start a call through the API and find where its RTP must go, stop
 * it and find its file.
 */
export class RecorderHost {
  private requestId = 1;

  private constructor(
    readonly test: ServerTestHost.TestHost,
    readonly api: XmlClient,
  ) {}

  /**
   * Starts a host with one plugin entry per element of `cores` (each the
   * plugin's options). With `log`, the host logs at debug into that array
   * (JSON lines as pino wrote them); else it is silent.
   */
  static async start(cores: readonly Record<string, unknown>[], config: Record<string, unknown> = {}, log?: LogLine[]): Promise<RecorderHost> {
    const full = { plugins: cores.map((options) => ({ use: PLUGIN_ENTRY, options })), ...config };
    const test = log ? await startLoggedTestHost(full, log) : await startTestHost(full);
    return new RecorderHost(test, await test.client());
  }

  /** The running core with this COREIDENT (the very object the host loaded). */
  core(ident = 1): RtpRecorderCore {
    const core = this.test.host.container.get(CoreRegistry).get(ident);
    if (!(core instanceof RtpRecorderCore)) throw new Error(`core ${ident} is not a running rtp-recorder`);
    return core;
  }

  /** Sends one API request and returns its reply. */
  request(type: string, params: Record<string, string | number> = {}): Promise<string> {
    return send(this.api, type, params, this.requestId++);
  }

  /** Events published so far for a device, optionally of one type. */
  events(device: string, type?: EventType): CallcopyEvent[] {
    return this.test.events.map((e) => e.event).filter((e) => e.deviceId === device && (type === undefined || e.type === type));
  }

  /** Waits until the device has `count` events of `type`, and returns the last. */
  async waitForEvent(device: string, type: EventType, count = 1, timeoutMs = 5000): Promise<CallcopyEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events(device, type);
      if (found.length >= count) return found[count - 1]!;
      if (Date.now() > deadline) throw new Error(`no ${type} #${count} for device ${device} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** CALLSTART through the API; the call must be recorded. */
  async startCall(device: string, params: Record<string, string | number> = {}): Promise<RecordedCall> {
    const before = this.events(device, 'RECORDINGSTARTED').length;
    const startSentAt = Date.now();
    const reply = await this.request('CALLSTART', { DEVICEID: device, ...params });
    const startRepliedAt = Date.now();
    if (!reply.includes('<RESULTTYPE>API_OK</RESULTTYPE>')) throw new Error(`CALLSTART ${device} failed: ${reply}`);
    const started = await this.waitForEvent(device, 'RECORDINGSTARTED', before + 1);
    const coreIdent = Number(started.data.COREIDENT);
    const channel = Number(started.data.CHANNEL);
    const core = this.core(coreIdent);
    const running = core.activeRecordings().find((r) => r.channel === channel);
    if (!running) throw new Error(`core ${coreIdent} runs nothing on channel ${channel}`);
    return {
      device, coreIdent, channel, key: running.key, fileName: running.fileName, target: core.mediaTarget(channel),
      startedAt: running.startedAt, startSentAt, startRepliedAt,
    };
  }

  /** CALLSTOP through the API; resolves once the recording is saved (RECORDINGUPDATE). */
  async stopCall(device: string): Promise<StoppedCall> {
    const before = this.events(device, 'RECORDINGUPDATE').length;
    const stopSentAt = Date.now();
    const reply = await this.request('CALLSTOP', { DEVICEID: device });
    const stopRepliedAt = Date.now();
    const update = await this.waitForEvent(device, 'RECORDINGUPDATE', before + 1);
    return { reply, stopSentAt, stopRepliedAt, fileName: update.data.FILENAME! };
  }

  close(): Promise<void> {
    return this.test.close();
  }
}
