import assert from 'node:assert/strict';
import { callcopyEvent, eventsRequest } from '../support/callcopy-events.js';
import { startEventServers, until, type EventServers } from '../support/event-servers.js';
import { EventSocketClient, upgradeRefusal, UpgradeRefused } from '../support/event-socket-client.js';
import { tag, XmlClient } from '../support/xml-client.js';

describe('WebSocket /events', () => {
  let servers: EventServers;
  const sockets: EventSocketClient[] = [];
  const open = async (query: string, path = '/events'): Promise<EventSocketClient> => {
    const client = await EventSocketClient.open(`ws://127.0.0.1:${servers.webPort}${path}${query}`);
    sockets.push(client);
    return client;
  };
  const refusal = (pathAndQuery: string): Promise<UpgradeRefused> => upgradeRefusal(`ws://127.0.0.1:${servers.webPort}${pathAndQuery}`);

  beforeEach(async () => (servers = await startEventServers({ ws: { heartbeatIntervalMs: 100 } })));
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await servers.close();
  });

  it('carries the same CALLCOPYEVENT documents as the TCP proxy, one per frame without the CRLF', async () => {
    const tcp = await XmlClient.open(servers.apiPort);
    try {
      await tcp.write(eventsRequest('<EVENTCLASS>ALL</EVENTCLASS>'));
      const tcpXref = tag((await tcp.read())[0]!, 'EVENTXREF')!;
      const ws = await open('?class=ALL&format=xml');
      servers.bus.publish(callcopyEvent('CALLSTART', '1111', 1));
      servers.bus.publish(callcopyEvent('RECORDINGSTARTED', '1111', 2));
      const frames = await ws.next(2);
      const documents = await tcp.read(2);
      const wsXref = tag(frames[0]!, 'EVENTXREF')!;
      assert.notEqual(wsXref, tcpXref, 'each WebSocket is its own subscription');
      assert.deepEqual(frames, documents.map((d) => d.replaceAll(`<EVENTXREF>${tcpXref}</EVENTXREF>`, `<EVENTXREF>${wsXref}</EVENTXREF>`)));
      assert.ok(frames.every((f) => f.startsWith('<CALLCOPYEVENT>') && f.endsWith('</CALLCOPYEVENT>')));
    } finally {
      tcp.close();
    }
  });

  it('sends JSON objects with format=json, the same fields in the same order, SEQ and TIME at the top level', async () => {
    const xml = await open('?format=xml');
    const json = await open('?class=all&format=JSON');
    servers.bus.publish(callcopyEvent('CALLSTART', '1111', 7));
    const [document] = await xml.next();
    const event = JSON.parse((await json.next())[0]!) as {
      EVENTCLASS: string; EVENTTYPE: string; MODULE: string; EVENTXREF: number | string; data: Record<string, string>; SEQ: number; TIME: string;
    };
    assert.deepEqual([event.EVENTCLASS, event.EVENTTYPE, event.MODULE], ['CALL', 'CALLSTART', 'Api']);
    assert.match(String(event.EVENTXREF), /^\d+$/);
    const head = ['EVENTCLASS', 'EVENTTYPE', 'MODULE', 'EVENTXREF', 'SEQ', 'TIME'];
    const xmlData = [...document!.matchAll(/<([A-Z_0-9]+)>([^<]*)<\/\1>/g)].map((m) => [m[1], m[2]]).filter(([name]) => !head.includes(name!));
    assert.deepEqual(Object.entries(event.data), xmlData);
    assert.equal(event.data['GLOBALCALLID'], '7');
    assert.deepEqual([event.SEQ, event.TIME], [Number(tag(document!, 'SEQ')), tag(document!, 'TIME')]);
    assert.equal(event.SEQ, servers.bus.latestSeq);
  });

  it('filters by class and by value like EVENTCLASS and EVENTVALUE', async () => {
    const record = await open('?class=RECORD');
    const devices = await open('?class=CALL&value=1001,%203003,');
    servers.bus.publish(callcopyEvent('CALLSTART', '1001', 1));
    servers.bus.publish(callcopyEvent('RECORDINGSTARTED', '1001', 2));
    servers.bus.publish(callcopyEvent('CALLSTART', '2002', 3));
    servers.bus.publish(callcopyEvent('CALLSTART', '3003', 4));
    // A last event both want: whatever arrives before it is everything they were sent.
    servers.bus.publish(callcopyEvent('RECORDINGSTOPPED', '3003', 5));
    servers.bus.publish(callcopyEvent('CALLSTOP', '3003', 6));
    assert.deepEqual((await record.next(2)).map((f) => tag(f, 'GLOBALCALLID')), ['2', '5']);
    assert.deepEqual((await devices.next(3)).map((f) => tag(f, 'GLOBALCALLID')), ['1', '4', '6']);
  });

  it('sends the snapshot first when asked (snapshot=1), filtered like the stream', async () => {
    servers.calls.events = [callcopyEvent('CALLSTART', '1111', 101), callcopyEvent('RECORDINGSTARTED', '1111', 102)];
    const withSnapshot = await open('?class=CALL&snapshot=1');
    const without = await open('?class=CALL');
    servers.bus.publish(callcopyEvent('CALLSTOP', '1111', 103));
    assert.deepEqual((await withSnapshot.next(2)).map((f) => tag(f, 'GLOBALCALLID')), ['101', '103']);
    assert.deepEqual((await without.next(1)).map((f) => tag(f, 'GLOBALCALLID')), ['103']);
  });

  it('matches the path in any casing', async () => {
    const ws = await open('?class=ALL', '/EVENTS');
    servers.bus.publish(callcopyEvent('CALLSTART', '1111', 1));
    assert.equal(tag((await ws.next())[0]!, 'GLOBALCALLID'), '1');
  });

  it('refuses a bad query before the upgrade with 400 and a one-line reason', async () => {
    const bogus = await refusal('/events?class=BOGUS');
    assert.equal(bogus.status, 400);
    assert.equal(bogus.body, 'class=BOGUS is not valid; use ALL, CALL or RECORD\n');
    assert.equal((await refusal('/events?format=yaml')).body, 'format=yaml is not valid; use xml or json\n');
    assert.equal((await refusal('/events?snapshot=maybe')).status, 400);
    assert.equal(servers.bus.subscriberCount, 0);
  });

  it('leaves other paths to the web server: 404 for an upgrade or a page it does not know, 426 for a plain GET /events', async () => {
    assert.equal((await refusal('/nowhere')).status, 404);
    const page = await fetch(`http://127.0.0.1:${servers.webPort}/nowhere`);
    assert.equal(page.status, 404);
    const plain = await fetch(`http://127.0.0.1:${servers.webPort}/events`);
    assert.equal(plain.status, 426);
    assert.equal(await plain.text(), '/events is a WebSocket endpoint: connect with a WebSocket client\n');
    assert.equal((await fetch(`http://127.0.0.1:${servers.webPort}/healthz`)).status, 200);
  });

  it('pings clients and drops one that does not answer, keeping one that does', async () => {
    const silent = await EventSocketClient.open(`ws://127.0.0.1:${servers.webPort}/events`, { autoPong: false });
    sockets.push(silent);
    const alive = await open('');
    assert.equal(await silent.waitClosed(3000), 1006);
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(alive.closed, undefined);
    assert.equal(servers.endpoint.clientCount, 1);
    assert.equal(servers.bus.subscriberCount, 1);
  });

  it('unsubscribes when a client goes away', async () => {
    const ws = await open('');
    assert.equal(servers.bus.subscriberCount, 1);
    ws.close();
    await until(() => servers.bus.subscriberCount === 0 && servers.endpoint.clientCount === 0, 'the subscription is gone');
  });

  it('closes every client with 1001 on close()', async () => {
    const ws = await open('');
    await servers.endpoint.close();
    assert.equal(await ws.waitClosed(), 1001);
    assert.equal(servers.bus.subscriberCount, 0);
    assert.equal(servers.endpoint.clientCount, 0);
  });
});

describe('WebSocket /events limits', () => {
  it('refuses clients over maxClients with 503', async () => {
    const servers = await startEventServers({ ws: { maxClients: 1 } });
    const first = await EventSocketClient.open(`ws://127.0.0.1:${servers.webPort}/events`);
    try {
      const refused = await EventSocketClient.open(`ws://127.0.0.1:${servers.webPort}/events`).then(() => undefined, (e: unknown) => e);
      assert.ok(refused instanceof UpgradeRefused);
      assert.equal(refused.status, 503);
      assert.equal(refused.body, 'the server accepts at most 1 event clients\n');
    } finally {
      first.close();
      await servers.close();
    }
  });
});
