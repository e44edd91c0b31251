import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { definePlugin, z, type RecorderCore } from '@callwire/plugin-api';
import { ChannelPool, recordingPath, WavWriter, type RecorderChannel } from '@callwire/plugin-kit';

type Channel = RecorderChannel<WavWriter>;

/**
 * tcp-recorder, an example: each channel is a TCP port; while it records a call, the bytes sent
 * to it (G.711 µ-law, 8 kHz mono, nothing else) go into the call's WAV file as they come. When the
 * sender ends its stream, the core ends its side: it has taken every byte. No clock, no jitter
 * buffer: the file holds what came; paused audio is dropped. */
export default definePlugin({
  name: 'tcp-recorder',
  kind: 'recorder',
  hostVersion: '^0.1.0',
  options: z.strictObject({
    coreIdent: z.number().int().positive(),
    host: z.string().default('127.0.0.1'),
    /** Channel n listens on basePort + n − 1; 0: the system picks each port. */
    basePort: z.number().int().min(0).max(65535).default(0),
    channels: z.number().int().min(1).max(100).default(4),
  }),
  create({ options, recordingsPath, recordings, clock, timers }) {
    const pool = ChannelPool.of<WavWriter>(options.channels, { clock, timers });
    const servers = new Map<Channel, Server>();
    const byKey = new Map<string, Channel>();
    const paused = new Set<Channel>();
    const senders = new Set<Socket>();
    const listen = (channel: Channel) => new Promise<void>((resolve, reject) => {
      const server = createServer((socket) => {
        senders.add(socket.on('close', () => senders.delete(socket)).on('end', () => socket.end()));
        socket.on('data', (bytes) => paused.has(channel) || channel.recording?.appendBytes(bytes));
      });
      servers.set(channel, server.once('error', reject).listen(options.basePort && options.basePort + channel.id - 1, options.host, resolve));
    });
    const running = (key: string): Channel => {
      const channel = byKey.get(key);
      if (!channel?.recording) throw new Error(`tcp-recorder ${options.coreIdent} is not recording ${key}`);
      return channel;
    };
    const core: RecorderCore = {
      coreIdent: options.coreIdent,
      mediaType: 'audio/wav',
      serves: () => true,
      hasFreeChannel: (deviceId) => pool.available(deviceId) !== undefined,
      channels: () => pool.statuses(),
      notify: async () => undefined,
      async startRecording(order) {
        const channel = pool.take(order.deviceId, order.fields.deviceAlias);
        if (!channel) throw new Error(`tcp-recorder ${options.coreIdent} has no free channel`);
        const file = recordingPath(recordingsPath, order.deviceId, order.startedAt);
        const writer = await WavWriter.create(file, { sampleRate: 8000, channels: 1, encoding: 'mulaw' }).catch((err: unknown) => {
          channel.fail();
          throw err;
        });
        channel.record(writer);
        byKey.set(order.key, channel);
        const { port } = servers.get(channel)!.address() as AddressInfo;
        return { channel: channel.id, fileName: writer.path, mediaTarget: { host: options.host, port } };
      },
      async stopRecording(key) {
        const channel = running(key);
        const writer = channel.recording!;
        byKey.delete(key);
        paused.delete(channel);
        channel.finish();
        const audioSize = await writer.close(writer.frames).finally(() => pool.free(channel));
        return { fileName: writer.path, durationMs: writer.frames / 8, audioSize };
      },
      pauseRecording: async (key) => void paused.add(running(key)),
      resumeRecording: async (key) => void paused.delete(running(key)),
    };
    const stop = async () => {
      for (const key of [...byKey.keys()]) recordings.recordingEnded(key, await core.stopRecording(key, clock.now()), 'the recorder stopped');
      senders.forEach((socket) => socket.destroy());
      await Promise.all([...servers.values()].map((server) => new Promise((done) => server.close(done))));
    };
    return { core, start: () => Promise.all(pool.channels.map(listen)).then(() => undefined), stop };
  },
});
