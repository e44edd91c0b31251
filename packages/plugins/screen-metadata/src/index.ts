import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { definePlugin, z, type RecorderCore, type RecordingOrder } from '@callwire/plugin-api';
import { ChannelPool, deviceDirName, recordingDirectory, type RecorderChannel } from '@callwire/plugin-kit';

/** One session's record: what a screen recorder would have captured around, without the pixels. */
interface SessionFile {
  sessionId: string;
  deviceId: string;
  startedAt: string;
  stoppedAt?: string;
  /** Times the capture was paused and resumed (agent blackouts), ISO. */
  pauses: { from: string; to?: string }[];
}

/** A session being recorded: its file and what goes in it. */
interface Session {
  readonly file: string;
  readonly content: SessionFile;
}

/**
 * screen-metadata: a recorder core that declares screen capture, so
 * CHATSTART sessions are routed to it, but records nothing except each
 * session's metadata (a JSON file beside the audio recordings, media type
 * `application/json`, which EXPORT does not convert). It stands where a real
 * screen recorder will, and is named for what it does. It records no audio,
 * so it may take the COREIDENT of the audio core it stands beside (the
 * default configuration runs it as core 1 with the rtp-recorder).
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
  create({ options, recordingsPath, clock, timers }) {
    const pool = ChannelPool.of<Session>(options.channels, { clock, timers });
    const sessions = new Map<string, RecorderChannel<Session>>();
    const save = async (session: Session) => {
      await mkdir(dirname(session.file), { recursive: true });
      await writeFile(session.file, `${JSON.stringify(session.content, null, 2)}\n`);
    };
    const running = (key: string) => sessions.get(key)?.recording;
    const iso = (ms: number) => new Date(ms).toISOString();
    const core: RecorderCore = {
      coreIdent: options.coreIdent,
      mediaType: 'application/json',
      screenCapture: true,
      recordsAudio: false,
      serves: () => false,
      hasFreeChannel: (deviceId) => pool.available(deviceId) !== undefined,
      // A screen core has no lines: CHANNELS shows the sessions it records, one channel each.
      channels: () => pool.statuses().filter((channel) => channel.state !== 'Idle'),
      notify: async () => undefined,
      async startRecording(order: RecordingOrder) {
        const channel = pool.take(order.deviceId);
        if (!channel) throw new Error(`screen core ${options.coreIdent} already records ${options.channels} sessions`);
        const name = `${deviceDirName(order.deviceId)}-chat-${order.callInstance.replace(/[^\w.-]/g, '_')}.json`;
        const pauses = order.startPaused ? [{ from: iso(order.startedAt) }] : [];
        const session: Session = {
          file: join(recordingDirectory(recordingsPath, order.deviceId, order.startedAt), name),
          content: { sessionId: order.callInstance, deviceId: order.deviceId, startedAt: iso(order.startedAt), pauses },
        };
        channel.record(session);
        sessions.set(order.key, channel);
        await save(session).catch((err: unknown) => {
          sessions.delete(order.key);
          channel.fail();
          throw err;
        });
        return { channel: channel.id, fileName: session.file };
      },
      async stopRecording(key: string, at: number) {
        const channel = sessions.get(key);
        const session = channel?.recording;
        if (!channel || !session) throw new Error(`no session ${key}`);
        session.content.stoppedAt = iso(at);
        for (const pause of session.content.pauses) pause.to ??= iso(at);
        channel.finish();
        sessions.delete(key);
        await save(session).finally(() => pool.free(channel));
        return { fileName: session.file, durationMs: at - Date.parse(session.content.startedAt) };
      },
      async pauseRecording(key: string, at: number) {
        const session = running(key);
        session?.content.pauses.push({ from: iso(at) });
        if (session) await save(session);
      },
      async resumeRecording(key: string, at: number) {
        const session = running(key);
        const open = session?.content.pauses.findLast((p) => p.to === undefined);
        if (open) open.to = iso(at);
        if (session) await save(session);
      },
    };
    return { core, start() {}, stop: () => pool.close() };
  },
});
