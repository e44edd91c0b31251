import { createConnection, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { definePlugin, z, type CallData, type CallIdentity } from '@callwire/core';

/** A feed line: `start 201 instance=1 ani=6145551212 dnis=8005550100`, `hold 201`, `retrieve 201`, `stop 201`. */
const LINE = /^(start|stop|hold|retrieve)\s+(\S+)((?:\s+[a-z]+=\S+)*)\s*$/i;

/**
 * `line-feed`: an input plugin that reads call events, one per line, from a
 * PBX's TCP feed and signals them to Callwire's call service.
 */
export default definePlugin({
  name: 'line-feed',
  kind: 'input',
  hostVersion: '^0.1.0',
  options: z.strictObject({
    /** Where the PBX's call feed listens. */
    host: z.string().min(1).default('127.0.0.1'),
    port: z.int().min(1).max(65535),
    /** Wait before connecting again after the feed closed or could not be reached. */
    retrySeconds: z.number().positive().default(5),
  }),
  create({ options, calls, log }) {
    let socket: Socket | undefined;
    let retry: NodeJS.Timeout | undefined;
    let stopped = false;
    // Lines are applied one at a time, in order: a stop must not overtake its start.
    let work = Promise.resolve();

    async function apply(text: string): Promise<void> {
      const line = LINE.exec(text);
      if (!line) {
        log.warn(`not a feed line: ${text}`);
        return;
      }
      const fields = Object.fromEntries(line[3]!.trim().split(/\s+/).filter(Boolean).map((pair) => pair.split('=')));
      const call: CallIdentity = { deviceId: line[2], callInstance: fields['instance'] };
      const data: CallData = { ani: fields['ani'], dnis: fields['dnis'] };
      const event = line[1]!.toLowerCase();
      try {
        if (event === 'start') await calls.start(call, data);
        else if (event === 'stop') await calls.stop(call, data);
        else if (event === 'hold') await calls.hold(call);
        else await calls.retrieve(call);
      } catch (err) {
        // A CallError (NOT_IN_CALL, DEVICE_INVALID…) is the feed's mistake: log it, read on.
        log.warn(`${text}: ${(err as Error).message}`);
      }
    }

    function connect(): void {
      socket = createConnection(options.port, options.host);
      socket.on('connect', () => log.info(`reading calls from ${options.host}:${options.port}`));
      socket.on('error', (err) => log.warn(`call feed: ${err.message}`));
      socket.on('close', () => {
        if (!stopped) retry = setTimeout(connect, options.retrySeconds * 1000);
      });
      createInterface({ input: socket }).on('line', (text) => (work = work.then(() => apply(text))));
    }

    return {
      start: connect,
      async stop() {
        stopped = true;
        clearTimeout(retry);
        socket?.destroy();
        await work;
      },
    };
  },
});
