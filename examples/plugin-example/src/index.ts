import { createConnection } from 'node:net';
import { definePlugin, z, type CallData, type CallIdentity } from '@callwire/plugin-api';
import { LineSplitter, ReconnectingLink, SignalQueue, reconnectOptions, type LinkConnection } from '@callwire/plugin-kit';

/** A feed line: `start 201 instance=1 ani=6145551212 dnis=8005550100`, `hold 201`, `retrieve 201`, `stop 201`. */
const LINE = /^(start|stop|hold|retrieve)\s+(\S+)((?:\s+[a-z]+=\S+)*)\s*$/i;

/** `line-feed`: an input plugin that reads call events, one per line, from a PBX's TCP feed and signals them to Callwire. */
export default definePlugin({
  name: 'line-feed',
  kind: 'input',
  hostVersion: '^0.1.0',
  options: z.strictObject({
    /** Where the PBX's call feed listens. */
    host: z.string().min(1).default('127.0.0.1'),
    port: z.int().min(1).max(65535),
    /** Waits before connecting again after the feed closed or could not be reached: `{ initialMs, maxMs }`. */
    reconnect: reconnectOptions,
  }),
  create(ctx) {
    const { options, calls, log } = ctx;
    // One signal at a time, in order (a stop never overtakes its start); a refused one is logged and the feed read on.
    const queue = new SignalQueue({ log });
    const signal = (text: string) => {
      const line = LINE.exec(text);
      if (!line) return log.warn(`not a feed line: ${text}`);
      const fields = Object.fromEntries(line[3]!.trim().split(/\s+/).filter(Boolean).map((pair) => pair.split('=')));
      const call: CallIdentity = { deviceId: line[2], callInstance: fields['instance'] };
      const data: CallData = { ani: fields['ani'], dnis: fields['dnis'] };
      const event = line[1]!.toLowerCase() as 'start' | 'stop' | 'hold' | 'retrieve';
      queue.push(text, () => (event === 'start' || event === 'stop' ? calls[event](call, data) : calls[event](call)));
    };
    // The link keeps the feed connected: it waits (with backoff) and connects again after every loss, until stop.
    const link = new ReconnectingLink({
      peer: `the call feed ${options.host}:${options.port}`,
      reconnect: options.reconnect,
      context: ctx,
      connect: (attempt) => new Promise<LinkConnection>((resolve, reject) => {
        const socket = createConnection(options.port, options.host);
        const lines = new LineSplitter({ maxLineLength: 4096 });
        socket.once('connect', () => resolve({ close: () => void socket.destroy() }));
        socket.on('error', reject);
        socket.on('close', () => attempt.lost('the feed closed'));
        socket.on('data', (chunk: Buffer) => lines.push(chunk).forEach((line) => (line.cut ? log.warn('skipped an over-long line') : signal(line.text))));
      }),
    });
    return { start: () => link.start(), stop: () => link.stop().then(() => queue.drain()) };
  },
});
