// Shared by event-fanout and slow-subscriber: runs a fan-out round against the
// full Callwire path (calls through CallService — the path input plugins
// take — EventBus, TCP event proxy and WebSocket /events) and against a bare
// `ws` + `net` broadcast of pre-built buffers to the same number of clients.
import { createServer as createTcpServer } from 'node:net';
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { CallService, EventBus } from '../packages/core/dist/src/index.js';
import { WebSocketServer } from 'ws';
import { startHost } from './support.mjs';

const wallNow = () => performance.timeOrigin + performance.now();

async function runClients(options, publish) {
  const child = fork(new URL('./fanout-clients.mjs', import.meta.url), [JSON.stringify(options)]);
  const next = () => new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('error', reject);
  });
  await next();
  const sent = [];
  await publish(sent);
  const answer = next();
  child.send({ sent });
  const outcome = await answer;
  if (!outcome.complete) throw new Error(`subscribers got ${outcome.received} messages, not all of them, within 30 s`);
  return outcome;
}

/** The full path: `events` call starts on distinct devices through CallService, each a CALLSTART event to every subscriber. */
export async function callwireFanout({ ws, tcp, events, stalled = [], maxBacklogBytes, padding = false }) {
  // padding fills USER4..USER8 (255 characters each) for ~2.5 KB events, so a stalled client outgrows the kernel's socket buffers sooner
  const users = padding ? [undefined, undefined, undefined, ...Array.from({ length: 5 }, (_, i) => String(i).repeat(255))] : undefined;
  const server = await startHost({
    schedules: [{ name: 'track only', record: false }],
    server: { api: { maxClients: 5000, ...(maxBacklogBytes ? { maxEventBacklogBytes: maxBacklogBytes } : {}) } },
  });
  try {
    const calls = server.host.container.get(CallService);
    const request = '<REQUEST><TYPE>EVENTS</TYPE><REQUESTID>0</REQUESTID><EVENTCLASS>CALL</EVENTCLASS></REQUEST>\r\n';
    const rss = process.memoryUsage().rss;
    let subscribersLeft = 0;
    const outcome = await runClients(
      { wsUrl: `ws://127.0.0.1:${server.webPort}/events?class=CALL`, tcpPort: server.apiPort, tcpRequest: request, wsCount: ws, tcpCount: tcp, expected: events, stalled },
      async (sent) => {
        for (let seq = 1; seq <= events; seq++) {
          sent[seq] = wallNow();
          await calls.start({ deviceId: String(seq) }, { ani: '6145551212', users });
          if (seq % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        // let the stream drain before counting who is still subscribed
        await new Promise((resolve) => setTimeout(resolve, 1000));
        subscribersLeft = server.host.container.get(EventBus).subscriberCount;
      },
    );
    return { ...outcome, rssGrowthMiB: (process.memoryUsage().rss - rss) / 2 ** 20, subscribersLeft };
  } finally {
    await server.close();
  }
}

/** The baseline: the same clients, a bare ws server and net server broadcasting a pre-built CALLCOPYEVENT-sized buffer. */
export async function bareFanout({ ws, tcp, events }) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise((resolve) => wss.once('listening', resolve));
  const sockets = new Set();
  const net = createTcpServer((socket) => sockets.add(socket));
  await new Promise((resolve) => net.listen(0, '127.0.0.1', resolve));
  const filler = 'x'.repeat(1100);
  try {
    return await runClients(
      { wsUrl: `ws://127.0.0.1:${wss.address().port}`, tcpPort: net.address().port, wsCount: ws, tcpCount: tcp, expected: events },
      async (sent) => {
        for (let seq = 1; seq <= events; seq++) {
          sent[seq] = wallNow();
          const text = `${seq} ${filler}`;
          const frame = Buffer.from(text);
          const line = Buffer.from(`${text}\r\n`);
          for (const client of wss.clients) client.send(frame);
          for (const socket of sockets) socket.write(line);
          if (seq % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      },
    );
  } finally {
    for (const socket of sockets) socket.destroy();
    net.close();
    for (const client of wss.clients) client.terminate();
    wss.close();
  }
}
