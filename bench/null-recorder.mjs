// A recorder core for benchmarks that isolate the engine: it takes channels
// and answers every command, but writes no audio and opens no sockets. The
// rtp-recorder is the real core; this one shows what the engine and the
// database cost without a file per call.
import { definePlugin, z } from '../packages/core/dist/src/index.js';

export default definePlugin({
  name: 'null-recorder',
  kind: 'recorder',
  hostVersion: '^0.1.0',
  options: z.object({ coreIdent: z.number().int().positive(), channels: z.number().int().positive().default(1000) }),
  create({ options }) {
    const busy = new Map();
    return {
      core: {
        coreIdent: options.coreIdent,
        serves: () => true,
        hasFreeChannel: () => busy.size < options.channels,
        channels: () => [],
        notify: async () => undefined,
        async startRecording(order) {
          busy.set(order.key, order.startedAt);
          return { channel: busy.size, fileName: `/dev/null/${order.key}.wav` };
        },
        async stopRecording(key, at) {
          const started = busy.get(key);
          busy.delete(key);
          return { fileName: `/dev/null/${key}.wav`, durationMs: at - started };
        },
        pauseRecording: async () => undefined,
        resumeRecording: async () => undefined,
      },
      start() {},
      stop() {},
    };
  },
});
