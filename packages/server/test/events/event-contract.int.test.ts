import assert from 'node:assert/strict';
import { ApiTimeFormat } from '@callwire/core';
import { callcopyEvent, eventsRequest } from '../support/callcopy-events.js';
import { EventSocketClient } from '../support/event-socket-client.js';
import { startEventServers, type EventServers } from '../support/event-servers.js';
import { tag, testRequest, XmlClient } from '../support/xml-client.js';

/** ISO 8601 to the millisecond with an offset, as TIME is written. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;

type Frame = Record<string, unknown> & { seq?: number; control?: string; snapshot?: boolean; data?: Record<string, unknown> };

/** Event contract v2 over the real transports around one real EventBus (Found 4 of issue 18). */
describe('event contract v2: SEQ, TIME, replay, snapshot end, heartbeat', () => {
  let servers: EventServers;
  const clients: (XmlClient | EventSocketClient)[] = [];
  const ws = async (query: string): Promise<EventSocketClient> => {
    const client = await EventSocketClient.open(`ws://127.0.0.1:${servers.webPort}/events${query}`);
    clients.push(client);
    return client;
  };
  const json = async (client: EventSocketClient, count = 1): Promise<Frame[]> => (await client.next(count)).map((f) => JSON.parse(f) as Frame);
  const tcp = async (params: string): Promise<{ client: XmlClient; reply: string }> => {
    const client = await XmlClient.open(servers.apiPort);
    clients.push(client);
    await client.write(eventsRequest(params));
    const [reply] = await client.read();
    return { client, reply: reply! };
  };
  /** Sends TEST and expects its reply next: nothing else was queued before it. */
  const nothingMore = async (client: XmlClient): Promise<void> => {
    await client.write(testRequest(999));
    const [next] = await client.read();
    assert.equal(tag(next!, 'REQUESTTYPE'), 'TEST', `expected the TEST reply, got ${next}`);
  };
  /** Publishes `count` CALLSTARTs on `device`; returns their seqs. */
  const publish = (count: number, device = '1111', from = 1): number[] =>
    Array.from({ length: count }, (_, i) => {
      servers.bus.publish(callcopyEvent('CALLSTART', device, from + i));
      return servers.bus.latestSeq;
    });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await servers.close();
  });

  describe('with the default buffer and no heartbeat', () => {
    beforeEach(async () => (servers = await startEventServers({ bus: { heartbeatSeconds: 0, time: new ApiTimeFormat('Europe/Berlin') } })));

    it('stamps every event with a server-wide SEQ (one more per event) and an ISO 8601 TIME with offset, in XML, JSON v1 and v2', async () => {
      const { client } = await tcp('<EVENTCLASS>ALL</EVENTCLASS>');
      const v1 = await ws('?format=json');
      const v2 = await ws('?format=json&v=2');
      const [first, second] = publish(2);
      const documents = await client.read(2);
      assert.deepEqual(documents.map((d) => Number(tag(d, 'SEQ'))), [first, second]);
      assert.equal(second, first! + 1);
      for (const d of documents) assert.match(tag(d, 'TIME')!, ISO);
      assert.ok(documents[0]!.endsWith(`</EVENTDATA>\n\t<SEQ>${first}</SEQ>\n\t<TIME>${tag(documents[0]!, 'TIME')}</TIME>\n</CALLCOPYEVENT>`), 'SEQ and TIME come after EVENTDATA');
      const [a] = await json(v1, 2);
      assert.deepEqual([a!['SEQ'], typeof a!['TIME']], [first, 'string']);
      const [b] = await json(v2, 2);
      assert.deepEqual([b!.v, b!.seq, b!['time']], [2, first, a!['TIME']]);
    });

    it('writes JSON v2 typed and in camelCase, leaving out fields without a value', async () => {
      const v2 = await ws('?format=json&v=2');
      servers.bus.publish({
        type: 'RECORDINGSTOPPED', module: 'Api', deviceId: '4001', at: Date.UTC(2026, 11, 2, 8),
        data: { DEVICEID: '4001', GLOBALCALLID: 'g-1', AGENTID: '16', KEEPDAYS: '-1', RECORDID: '77', COREIDENT: '1', USER3: 'x', DURATION: '65', ANI: '' },
        times: { STARTTIME: Date.UTC(2026, 11, 2, 7, 58, 55), STOPTIME: Date.UTC(2026, 11, 2, 8) },
      });
      const [event] = await json(v2);
      assert.deepEqual(Object.keys(event!), ['v', 'seq', 'time', 'class', 'type', 'module', 'xref', 'snapshot', 'deviceId', 'data']);
      assert.deepEqual([event!['class'], event!['type'], event!['module'], event!.snapshot, event!['deviceId']], ['RECORD', 'RECORDINGSTOPPED', 'Api', false, '4001']);
      assert.equal(typeof event!['xref'], 'number');
      assert.deepEqual(event!.data, {
        globalCallId: 'g-1', deviceId: '4001', agentId: 16, user3: 'x', keepDays: -1, recordId: 77, coreIdent: 1,
        stopTime: '2026-12-02T09:00:00.000+01:00', duration: 65, startTime: '2026-12-02T08:58:55.000+01:00',
      });
      assert.equal(event!['time'], '2026-12-02T09:00:00.000+01:00');
    });

    it('replays the events after since=SEQ that match the filter, then continues live, in order, without duplicates (WebSocket and TCP SINCE)', async () => {
      const seqs = publish(3, '1111');
      publish(1, '2222', 10);
      publish(1, '1111', 20);
      const resumed = await ws(`?format=json&v=2&value=1111&since=${seqs[0]}`);
      const { client } = await tcp(`<EVENTCLASS>ALL</EVENTCLASS><EVENTVALUE>1111</EVENTVALUE><SINCE>${seqs[0]}</SINCE>`);
      publish(1, '1111', 30);
      const frames = await json(resumed, 4);
      assert.deepEqual(frames.map((f) => (f.data as Record<string, string>)['globalCallId']), ['2', '3', '20', '30']);
      const seen = frames.map((f) => f.seq!);
      assert.deepEqual([...seen].sort((x, y) => x - y), seen, 'in seq order');
      assert.deepEqual((await client.read(4)).map((d) => tag(d, 'GLOBALCALLID')), ['2', '3', '20', '30']);
      await nothingMore(client);
    });

    it('says since=SEQ is gone when it is not held (a SEQ of another run) with REPLAYGONE naming the oldest held, then sends what is held', async () => {
      const [oldest] = publish(2);
      const v2 = await ws('?format=json&v=2&since=5');
      const [gone, ...held] = await json(v2, 3);
      assert.deepEqual([gone!.v, gone!.control, gone!.seq], [2, 'REPLAYGONE', oldest]);
      assert.match(String(gone!['time']), ISO);
      assert.deepEqual(held.map((f) => f.seq), [oldest, oldest! + 1]);
      const v1 = await ws(`?format=json&since=${servers.bus.latestSeq + 100}`);
      const [goneV1] = await json(v1);
      assert.deepEqual(Object.keys(goneV1!), ['CONTROL', 'SEQ', 'TIME']);
      assert.equal(goneV1!['CONTROL'], 'REPLAYGONE');
      const { client } = await tcp('<EVENTCLASS>ALL</EVENTCLASS><SINCE>5</SINCE>');
      const [control] = await client.read();
      assert.equal(control, `<CALLWIREEVENT>\n\t<CONTROL>REPLAYGONE</CONTROL>\n\t<SEQ>${oldest}</SEQ>\n\t<TIME>${tag(control!, 'TIME')}</TIME>\n</CALLWIREEVENT>`);
    });

    it('flags snapshot events and ends the snapshot with SNAPSHOTEND carrying the seq to resume from', async () => {
      servers.calls.events = [callcopyEvent('CALLSTART', '1111', 101), callcopyEvent('RECORDINGSTARTED', '1111', 102)];
      const [latest] = publish(1);
      const v2 = await ws('?format=json&v=2&snapshot=1');
      const frames = await json(v2, 3);
      assert.deepEqual(frames.map((f) => [f.snapshot ?? f.control, f.seq]), [[true, latest], [true, latest], ['SNAPSHOTEND', latest]]);
      const { client } = await tcp('<EVENTCLASS>ALL</EVENTCLASS><SNAPSHOT>Y</SNAPSHOT><V>2</V>');
      const [start, recording, end] = await client.read(3);
      assert.deepEqual([tag(start!, 'SNAPSHOT'), tag(recording!, 'SNAPSHOT')], ['Y', 'Y']);
      assert.equal(tag(end!, 'CONTROL'), 'SNAPSHOTEND');
      publish(1, '1111', 103);
      const [live] = await client.read();
      assert.equal(tag(live!, 'SNAPSHOT'), undefined, 'a live event is not flagged');
    });

    it('sends a client that asked for nothing new (no V=2, no SINCE) no control message: its snapshot is flagged, nothing else added', async () => {
      servers.calls.events = [callcopyEvent('CALLSTART', '1111', 101)];
      const { client } = await tcp('<EVENTCLASS>ALL</EVENTCLASS><SNAPSHOT>Y</SNAPSHOT>');
      const [snapshot] = await client.read();
      assert.equal(tag(snapshot!, 'SNAPSHOT'), 'Y');
      await nothingMore(client);
      const v1 = await ws('?format=json&snapshot=1');
      const [event] = await json(v1);
      assert.equal(event!['SNAPSHOT'], 'Y');
      publish(1, '1111', 5);
      const [live] = await json(v1);
      assert.equal(live!['SNAPSHOT'], undefined);
    });

    it('refuses a bad v or since before the upgrade with 400 and a one-line reason', async () => {
      await assert.rejects(ws('?v=3'), (err: Error & { status?: number }) => err.message.includes('v=3 is not valid; use 1 or 2'));
      await assert.rejects(ws('?since=-4'), (err: Error) => err.message.includes('since=-4 is not valid; use a SEQ'));
      await assert.rejects(ws('?since=1e3'), (err: Error) => err.message.includes('since=1e3 is not valid'));
    });
  });

  describe('with a small replay buffer and a heartbeat', () => {
    beforeEach(async () => (servers = await startEventServers({ bus: { replayBuffer: 3, heartbeatSeconds: 0.05 } })));

    it('holds only `events.replayBuffer` events: an older since gets REPLAYGONE, then the 3 held', async () => {
      const seqs = publish(6);
      const v2 = await ws(`?format=json&v=2&since=${seqs[0]}`);
      const [gone, ...held] = await json(v2, 4);
      assert.deepEqual([gone!.control, gone!.seq], ['REPLAYGONE', seqs[3]]);
      assert.deepEqual(held.map((f) => f.seq), seqs.slice(3));
    });

    it('sends a HEARTBEAT with the latest seq to v2 and since subscribers, and none to a plain one', async () => {
      const [latest] = publish(1);
      const v2 = await ws('?format=json&v=2');
      const [beat] = await json(v2);
      assert.deepEqual([beat!.control, beat!.seq], ['HEARTBEAT', latest]);
      const { client } = await tcp(`<EVENTCLASS>ALL</EVENTCLASS><SINCE>${latest}</SINCE>`);
      const [xml] = await client.read();
      assert.equal(tag(xml!, 'CONTROL'), 'HEARTBEAT');
      const plain = await tcp('<EVENTCLASS>ALL</EVENTCLASS>');
      // two heartbeats reach the v2 client meanwhile: the plain one had its chance to receive one
      await json(v2, 2);
      await nothingMore(plain.client);
    });
  });
});
