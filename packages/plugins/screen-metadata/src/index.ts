import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { definePlugin, z, type ChannelStatus, type RecorderCore, type RecordingOrder } from '@callwire/core';

/** One session's record: what a screen recorder would have captured around, without the pixels. */
interface SessionFile {
  sessionId: string;
  deviceId: string;
  startedAt: string;
  stoppedAt?: string;
  /** Times the capture was paused and resumed (agent blackouts), ISO. */
  pauses: { from: string; to?: string }[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * screen-metadata: a recorder core that declares screen capture, so
 * CHATSTART sessions are routed to it, but records nothing except each
 * session's metadata (a JSON file beside the audio recordings). It stands
 * where a real screen recorder will, and is named for what it does. It
 * records no audio, so it may take the COREIDENT of the audio core it
 * stands beside (the default configuration runs it as core 1 with the
 * rtp-recorder).
 */
export default definePlugin({
  name: 'screen-metadata',
  kind: 'recorder',
  hostVersion: '^0.1.0',
  options: z.object({
    /** COREIDENT of this core: its own, or that of the audio core whose screens it records. */
    coreIdent: z.number().int().positive(),
    /** Concurrent sessions it accepts. */
    channels: z.number().int().positive().default(64),
  }),
  create({ options, recordingsPath }) {
    const sessions = new Map<string, { file: string; content: SessionFile; channel: number }>();
    const save = async (key: string) => {
      const session = sessions.get(key)!;
      await mkdir(dirname(session.file), { recursive: true });
      await writeFile(session.file, `${JSON.stringify(session.content, null, 2)}\n`);
    };
    const iso = (ms: number) => new Date(ms).toISOString();
    const core: RecorderCore = {
      coreIdent: options.coreIdent,
      screenCapture: true,
      recordsAudio: false,
      serves: () => false,
      hasFreeChannel: () => sessions.size < options.channels,
      channels: (): ChannelStatus[] =>
        [...sessions.values()].map((s) => ({
          id: s.channel, state: 'Recording', recordingDevice: s.content.deviceId, recordingDeviceAlias: '',
          playbackExtension: '', lastStateChange: Date.parse(s.content.startedAt),
        })),
      notify: async () => undefined,
      async startRecording(order: RecordingOrder) {
        const at = new Date(order.startedAt);
        const day = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
        const file = join(recordingsPath, day, order.deviceId, `${order.deviceId}-chat-${order.callInstance.replace(/[^\w.-]/g, '_')}.json`);
        const channel = Math.max(0, ...[...sessions.values()].map((s) => s.channel)) + 1;
        const pauses = order.startPaused ? [{ from: iso(order.startedAt) }] : [];
        sessions.set(order.key, { file, channel, content: { sessionId: order.callInstance, deviceId: order.deviceId, startedAt: iso(order.startedAt), pauses } });
        await save(order.key);
        return { channel, fileName: file };
      },
      async stopRecording(key: string, at: number) {
        const session = sessions.get(key);
        if (!session) throw new Error(`no session ${key}`);
        session.content.stoppedAt = iso(at);
        for (const pause of session.content.pauses) pause.to ??= iso(at);
        await save(key);
        sessions.delete(key);
        return { fileName: session.file, durationMs: at - Date.parse(session.content.startedAt) };
      },
      async pauseRecording(key: string, at: number) {
        sessions.get(key)?.content.pauses.push({ from: iso(at) });
        if (sessions.has(key)) await save(key);
      },
      async resumeRecording(key: string, at: number) {
        const open = sessions.get(key)?.content.pauses.findLast((p) => p.to === undefined);
        if (open) open.to = iso(at);
        if (sessions.has(key)) await save(key);
      },
    };
    return { core, start() {}, stop() {} };
  },
});
