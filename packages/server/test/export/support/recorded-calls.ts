import { fileURLToPath } from 'node:url';
import { CoreRegistry, TOKENS, type Recording, type Storage } from '@callwire/core';
import { send, type TestHost } from '../../support/test-host.js';
import { tag, type XmlClient } from '../../support/xml-client.js';
import { RtpTalker, type Talk } from './rtp-talker.js';

/** The rtp-recorder plugin's built entry file, as a config `use:` names it. */
export const RTP_RECORDER = fileURLToPath(new URL('../../../../../plugins/rtp-recorder/dist/src/index.js', import.meta.url));

/** Devices core 1 records in stereo (one party per side). */
export const STEREO_DEVICES = '7100-7199';
/** Devices core 2 records in mono (both parties summed). */
export const MONO_DEVICES = '7200-7299';

/**
 * Config `plugins` for two rtp-recorder cores: COREIDENT 1 writes stereo
 * files for devices 7100–7199, COREIDENT 2 mono files for 7200–7299. Ports
 * come from a random even base so parallel runs rarely collide; the jitter
 * buffer is generous because the stand-in PBX shares this process.
 */
export function recorderPlugins(): Record<string, unknown>[] {
  const base = 20000 + 2 * Math.floor(Math.random() * 9000);
  const core = (coreIdent: number, devices: string, mix: string, from: number) => ({
    use: RTP_RECORDER,
    options: { coreIdent, channels: 4, portRange: [from, from + 7], devices: [devices], mix, jitterMs: 200 },
  });
  return [core(1, STEREO_DEVICES, 'stereo', base), core(2, MONO_DEVICES, 'mono', base + 8)];
}

/** What a call should carry: its device, its parties' tones, its length in 20 ms packets, and CALLSTART fields. */
export interface CallScript {
  readonly device: string;
  readonly talks: readonly Talk[];
  readonly packets: number;
  readonly fields?: Readonly<Record<string, string>>;
  /** Actions while the call goes on (a blackout…), each after its number of packets, in order. */
  readonly steps?: readonly { readonly afterPackets: number; readonly action: () => Promise<void> }[];
}

/** The running recording the rtp-recorder core exposes (its own type lives in the plugin's package). */
interface ActiveRtpRecording {
  readonly channel: number;
  readonly mediaTarget: { readonly host: string; readonly port: number };
}

/**
 * Records a call through the whole product: CALLSTART over the XML API,
 * the recorder core that took it (RECORDINGSTARTED names core and channel)
 * is sent real RTP at its media target, CALLSTOP, then the finished
 * Recording row (RECORDINGUPDATE names it).
 */
export async function recordCall(t: TestHost, client: XmlClient, script: CallScript): Promise<Recording> {
  const started = t.events.length;
  const reply = await send(client, 'CALLSTART', { DEVICEID: script.device, ...script.fields });
  if (tag(reply, 'RESULTTYPE') !== 'API_OK') throw new Error(`CALLSTART ${script.device}: ${reply}`);
  const start = await waitForEvent(t, started, 'RECORDINGSTARTED', script.device);
  const core = t.host.container.get(CoreRegistry).get(Number(start.data['COREIDENT'])) as unknown as { activeRecordings(): ActiveRtpRecording[] };
  const running = core.activeRecordings().find((r) => r.channel === Number(start.data['CHANNEL']));
  if (!running) throw new Error(`no running recording on channel ${start.data['CHANNEL']}`);
  const talker = await RtpTalker.open();
  try {
    let sent = 0;
    for (const step of script.steps ?? []) {
      await talker.play(running.mediaTarget, script.talks, step.afterPackets - sent, sent);
      sent = step.afterPackets;
      await step.action();
    }
    await talker.play(running.mediaTarget, script.talks, script.packets - sent, sent);
  } finally {
    talker.close();
  }
  // Let the jitter buffer write the last packets before the call ends.
  await new Promise((resolve) => setTimeout(resolve, 250));
  const stopped = t.events.length;
  const stop = await send(client, 'CALLSTOP', { DEVICEID: script.device });
  if (tag(stop, 'RESULTTYPE') !== 'API_OK') throw new Error(`CALLSTOP ${script.device}: ${stop}`);
  const update = await waitForEvent(t, stopped, 'RECORDINGUPDATE', script.device);
  const recording = await storageOf(t).recordings.findByIdent(Number(update.data['RECORDID']));
  if (!recording || recording.state !== 'complete') throw new Error(`recording ${update.data['RECORDID']} was not saved`);
  return recording;
}

/** The host's storage, for reading rows the way the exporter does. */
export function storageOf(t: TestHost): Storage {
  return t.host.container.get<Storage>(TOKENS.Storage);
}

async function waitForEvent(t: TestHost, from: number, type: string, device: string) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = t.events.slice(from).find((e) => e.event.type === type && e.event.deviceId === device);
    if (found) return found.event;
    if (Date.now() > deadline) throw new Error(`no ${type} for ${device}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
