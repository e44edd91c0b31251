import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { callcopyEvent, eventsRequest } from '../support/callcopy-events.js';
import { startEventServers, until, type EventServers, type LogLine } from '../support/event-servers.js';
import { EventSocketClient, openStalledWebSocket } from '../support/event-socket-client.js';
import { tag, testRequest, XmlClient } from '../support/xml-client.js';

const CAP = 256 * 1024;
/** Each event is about 4 KB. */
const PADDING = 3500;
/** Far more than the kernel's socket buffers and the cap together hold. */
const MAX_EVENTS = 20_000;

/** A raw XML API client that sends EVENTS and then never reads again. */
function openStalledEventsClient(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.write(eventsRequest('<EVENTCLASS>ALL</EVENTCLASS>'));
      socket.pause();
      resolve(socket);
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

/**
 * Publishes padded events until `dropped()` holds, then 100 more, letting I/O
 * run every few events as a real core would between call signals. Returns how
 * many were published.
 */
async function publishUntil(servers: EventServers, dropped: () => boolean): Promise<number> {
  let published = 0;
  let after = 100;
  while (after > 0) {
    if (published >= MAX_EVENTS) throw new Error(`the stalled subscriber was not dropped after ${MAX_EVENTS} events`);
    servers.bus.publish(callcopyEvent('CALLSTART', '1111', published++, PADDING));
    if (dropped()) after--;
    if (published % 8 === 0) await nextTurn();
  }
  return published;
}

const drops = (logs: LogLine[]): LogLine[] => logs.filter((l) => l.msg.startsWith('dropping event subscriber'));

describe('slow event subscribers', () => {
  let servers: EventServers;
  beforeEach(async () => (servers = await startEventServers({ api: { maxEventBacklogBytes: CAP }, ws: { maxBacklogBytes: CAP } })));
  afterEach(() => servers.close());

  it('drops a TCP subscriber that stops reading, once, while another receives every event in order', async () => {
    const healthy = await XmlClient.open(servers.apiPort);
    const bystander = await XmlClient.open(servers.apiPort);
    const stalled = await openStalledEventsClient(servers.apiPort);
    try {
      await healthy.write(eventsRequest('<EVENTCLASS>ALL</EVENTCLASS>'));
      await healthy.read();
      await until(() => servers.bus.subscriberCount === 2, 'both have subscribed');

      const published = await publishUntil(servers, () => servers.bus.subscriberCount === 1);

      const events = await healthy.read(published, 20_000);
      assert.deepEqual(events.map((e) => Number(tag(e, 'GLOBALCALLID'))), Array.from({ length: published }, (_, i) => i));
      await until(() => servers.api.clientCount === 2, 'the stalled connection is closed');
      const [drop, ...more] = drops(servers.logs);
      assert.equal(more.length, 0, 'the drop is logged once');
      assert.equal(drop!.level, 40);
      assert.match(drop!.msg, new RegExp(`^dropping event subscriber: it is not reading its events \\(\\d+ bytes waiting, limit ${CAP}\\)$`));
      assert.match(String(drop!['session']), /^tcp-\d+$/);
      // The stalled client finds its connection ended once it reads again.
      const ended = new Promise<void>((resolve) => stalled.once('close', () => resolve()));
      stalled.resume();
      await ended;
      // Nobody else was disturbed.
      await bystander.write(testRequest(5));
      assert.equal(tag((await bystander.read())[0]!, 'RESULTCODE'), '20');
    } finally {
      [healthy, bystander].forEach((c) => c.close());
      stalled.destroy();
    }
  });

  it('drops a WebSocket client that stops reading while another receives every event in order', async () => {
    const healthy = await EventSocketClient.open(`ws://127.0.0.1:${servers.webPort}/events?class=CALL`);
    const stalled = await openStalledWebSocket(servers.webPort, '/events?class=ALL&format=json');
    try {
      await until(() => servers.endpoint.clientCount === 2, 'both are connected');

      const published = await publishUntil(servers, () => servers.bus.subscriberCount === 1);

      const frames = await healthy.next(published, 20_000);
      assert.deepEqual(frames.map((f) => Number(tag(f, 'GLOBALCALLID'))), Array.from({ length: published }, (_, i) => i));
      await until(() => servers.endpoint.clientCount === 1, 'the stalled client is gone');
      assert.equal(drops(servers.logs).length, 1);
      assert.equal(healthy.closed, undefined);
    } finally {
      healthy.close();
      stalled.destroy();
    }
  });

  it('does not drop a TCP subscriber for the size of the snapshot it asked for', async () => {
    // A snapshot far over the cap, sent to a client that is not reading yet.
    servers.calls.events = Array.from({ length: 2000 }, (_, i) => callcopyEvent('CALLSTART', `${1000 + i}`, i, PADDING));
    const client = await XmlClient.open(servers.apiPort);
    try {
      client.socket.pause();
      await client.write(eventsRequest('<EVENTCLASS>ALL</EVENTCLASS><SNAPSHOT>Y</SNAPSHOT>'));
      await until(() => servers.bus.subscriberCount === 1, 'the client has subscribed');
      await nextTurn();
      servers.bus.publish(callcopyEvent('CALLSTOP', '1000', 5000));
      client.socket.resume();
      const [reply, ...events] = await client.read(2002, 20_000);
      assert.equal(tag(reply!, 'RESULTCODE'), '20');
      assert.deepEqual(events.map((e) => Number(tag(e, 'GLOBALCALLID'))), [...Array.from({ length: 2000 }, (_, i) => i), 5000]);
      assert.equal(drops(servers.logs).length, 0);
    } finally {
      client.close();
    }
  });
});
