import { fileURLToPath } from 'node:url';
import type { CallFields, CallwireEvent, EventType } from '@callwire/plugin-api';
import { startTestHost, type TestHost, type TestHostOptions, type TestReply } from '@callwire/plugin-kit/testing';
import { RtpRecorderCore } from '../../src/rtp-recorder-core.js';

/** The plugin's built entry file, as a config `use:` names it. */
export const PLUGIN_ENTRY = fileURLToPath(new URL('../../src/index.js', import.meta.url));

/**
 * The jitter buffer the tests' cores use. Larger than the 60 ms default
 * because the stand-in PBX shares this process (and a busy CI machine): a
 * timer that fires late sends packets late, as a congested network would.
 */
export const TEST_JITTER_MS = 200;

/** Fields of a call that carries none, for orders a test gives a core directly. */
export const NO_FIELDS: CallFields = {
  deviceAlias: '', sysUser: '', crmUser: '', group: '', gate: '', ani: '', dnis: '', callId: '',
  direction: '', station: '', users: [], isTrunk: false,
};

/** A kit test host running one rtp-recorder per element of `cores` (each the plugin's options). */
export function startRecorderHost(cores: readonly Record<string, unknown>[], options: Omit<TestHostOptions, 'plugins'> = {}): Promise<TestHost> {
  return startTestHost({ ...options, plugins: cores.map((core) => ({ use: PLUGIN_ENTRY, options: core })) });
}

/** The running rtp-recorder core with this COREIDENT (the very object the host loaded). */
export function rtpCore(host: TestHost, ident = 1): RtpRecorderCore {
  const core = host.core(ident);
  if (!(core instanceof RtpRecorderCore)) throw new Error(`core ${ident} is not a running rtp-recorder`);
  return core;
}

/**
 * Waits a moment after the stand-in PBX's last packet before CALLSTOP: the
 * recorder places a stream from the time its first packet was taken off the
 * socket, which on a busy machine is some milliseconds after it was sent, so
 * the audio ends that much later on the recorder's clock than on the PBX's.
 */
export function afterLastPacket(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 60));
}

/** A port range start unlikely to be taken: even, below the kernel's ephemeral range. */
export function freePortBase(): number {
  return 12000 + 2 * Math.floor(Math.random() * 9000);
}

/** Events published so far for a device, optionally of one type. */
export function deviceEvents(host: TestHost, device: string, type?: EventType): CallwireEvent[] {
  return host.events.filter((e) => e.deviceId === device && (type === undefined || e.type === type));
}

/** Waits until the device has `count` events of `type`, and returns the last. */
export async function waitForEvent(host: TestHost, device: string, type: EventType, count = 1, timeoutMs = 5000): Promise<CallwireEvent> {
  await host.waitFor(() => deviceEvents(host, device, type).length >= count, `${type} #${count} for device ${device}`, timeoutMs);
  return deviceEvents(host, device, type)[count - 1]!;
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
  readonly reply: TestReply;
  readonly stopSentAt: number;
  readonly stopRepliedAt: number;
  readonly fileName: string;
}

/** CALLSTART through the API; the call must be recorded (RECORDINGSTARTED names its core, channel and media target). */
export async function startCall(host: TestHost, device: string, params: Record<string, string | number> = {}): Promise<RecordedCall> {
  const before = deviceEvents(host, device, 'RECORDINGSTARTED').length;
  const startSentAt = Date.now();
  const reply = await host.request('CALLSTART', { DEVICEID: device, ...params });
  const startRepliedAt = Date.now();
  if (reply.type !== 'API_OK') throw new Error(`CALLSTART ${device} failed: ${reply.type} ${reply.message}`);
  const started = await waitForEvent(host, device, 'RECORDINGSTARTED', before + 1);
  const coreIdent = Number(started.data['COREIDENT']);
  const channel = Number(started.data['CHANNEL']);
  const [targetHost, port] = started.data['MEDIATARGET']!.split(':');
  const running = rtpCore(host, coreIdent).activeRecordings().find((r) => r.channel === channel);
  if (!running) throw new Error(`core ${coreIdent} runs nothing on channel ${channel}`);
  return {
    device, coreIdent, channel, key: running.key, fileName: started.data['FILENAME']!, target: { host: targetHost!, port: Number(port) },
    startedAt: running.startedAt, startSentAt, startRepliedAt,
  };
}

/** CALLSTOP through the API; resolves once the recording is saved (RECORDINGUPDATE). */
export async function stopCall(host: TestHost, device: string): Promise<StoppedCall> {
  const before = deviceEvents(host, device, 'RECORDINGUPDATE').length;
  const stopSentAt = Date.now();
  const reply = await host.request('CALLSTOP', { DEVICEID: device });
  const stopRepliedAt = Date.now();
  const update = await waitForEvent(host, device, 'RECORDINGUPDATE', before + 1);
  return { reply, stopSentAt, stopRepliedAt, fileName: update.data['FILENAME']! };
}
