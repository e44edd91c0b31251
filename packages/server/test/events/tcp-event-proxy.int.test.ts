import assert from 'node:assert/strict';
import { apiOk, parseRequest, type ApiCommand, type ApiRequest, type ApiSession, type EventBus } from '@callwire/core';
import { callcopyEvent, eventsRequest } from '../support/callcopy-events.js';
import { startEventServers, until, type EventServers } from '../support/event-servers.js';
import { tag, testRequest, XmlClient } from '../support/xml-client.js';

/** CALLSTART's elements in the order the manual's CALLSTART Event example prints them. */
const MANUAL_CALLSTART = [
  'EVENTCLASS', 'EVENTTYPE', 'MODULE', 'EVENTXREF', 'EVENTDATA', 'GLOBALCALLID', 'DEVICEID', 'DEVICEALIAS', 'SYS_USER', 'CRM_USER',
  'GATE', 'ANI', 'DNIS', 'AGENTID', 'USER1', 'USER2', 'USER3', 'USER4', 'USER5', 'USER6', 'USER7', 'USER8', 'USER9', 'USER10',
  'USER11', 'USER12', 'USER13', 'USER14', 'USER15', 'GROUP', 'CALLINSTANCE', 'CALLDIRECTION', 'STATION', 'ISTRUNK', 'KEEPDAYS',
  'ARCHIVEACTION', 'STARTTIME', 'COREIDENT',
];

/** A function that publishes an event while it is being answered, as CALLSTART does; it answers after a pause. */
class PublishingCommand implements ApiCommand {
  readonly type = 'PUBLISHTEST';
  constructor(private readonly bus: EventBus) {}
  async handle(request: ApiRequest) {
    this.bus.publish(callcopyEvent('CALLSTART', '1111', Number(request.requestId)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    return apiOk();
  }
}

describe('TCP event proxy (EVENTS on the XML API port)', () => {
  let servers: EventServers;
  const clients: XmlClient[] = [];

  /** A client that has sent EVENTS and read its reply. */
  const subscribe = async (params: string): Promise<{ client: XmlClient; reply: string }> => {
    const client = await XmlClient.open(servers.apiPort);
    clients.push(client);
    await client.write(eventsRequest(params));
    const [reply] = await client.read();
    return { client, reply: reply! };
  };
  /** Sends TEST and expects its reply next: proves no other event was queued before it. */
  const expectNothingMore = async (client: XmlClient, id = 999): Promise<void> => {
    await client.write(testRequest(id));
    const [next] = await client.read();
    assert.equal(tag(next!, 'REQUESTTYPE'), 'TEST', `expected the TEST reply, got ${next}`);
  };

  beforeEach(async () => (servers = await startEventServers({ api: { idleTimeoutSeconds: 0.3 }, extraCommands: (bus) => [new PublishingCommand(bus)] })));
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await servers.close();
  });

  it("answers EVENTS with the manual's Request Result Schema and tags every event with its EVENTXREF", async () => {
    const { client, reply } = await subscribe('<EVENTCLASS>all</EVENTCLASS><EVENTVALUE></EVENTVALUE>');
    const other = await subscribe('<EVENTCLASS>ALL</EVENTCLASS>');
    const xref = tag(reply, 'EVENTXREF')!;
    assert.match(xref, /^\d+$/);
    assert.notEqual(tag(other.reply, 'EVENTXREF'), xref);
    assert.equal(
      reply,
      '<RESULT>\n\t<REQUESTTYPE>EVENTS</REQUESTTYPE>\n\t<REQUESTID>1</REQUESTID>\n\t<RESULTTYPE>API_OK</RESULTTYPE>\n\t<RESULTCODE>20</RESULTCODE>\n' +
        `\t<RESULTMSG>API_OK</RESULTMSG>\n\t<EVENTXREF>${xref}</EVENTXREF>\n\t<EVENTCLASS>ALL</EVENTCLASS>\n\t<EVENTTYPE></EVENTTYPE>\n</RESULT>`,
    );
    servers.bus.publish(callcopyEvent('CALLSTART', '1111', 1));
    assert.equal(tag((await client.read())[0]!, 'EVENTXREF'), xref);
    assert.equal(tag((await other.client.read())[0]!, 'EVENTXREF'), tag(other.reply, 'EVENTXREF'));
  });

  it("sends each event as a CRLF-terminated CALLCOPYEVENT document in the manual's layout", async () => {
    const client = await XmlClient.open(servers.apiPort);
    clients.push(client);
    // The raw text as received, so the CRLF at the end of each document is checked as sent.
    let received = '';
    client.socket.prependListener('data', (text: string) => (received += text));
    await client.write(eventsRequest('<EVENTCLASS>CALL</EVENTCLASS>'));
    await client.read();
    servers.bus.publish(callcopyEvent('CALLSTART', '1111', 42));
    const event = (await client.read())[0]!;
    assert.ok(received.endsWith(`</RESULT>\r\n${event}\r\n`), 'the event follows the reply and ends with CRLF');
    assert.ok(!event.includes('\r'), 'lines inside a document end with LF only');
    assert.ok(event.startsWith('<CALLCOPYEVENT>') && event.endsWith('</CALLCOPYEVENT>'));
    const elements = [...event.matchAll(/<([A-Z_0-9]+)>/g)].map((m) => m[1]).slice(1);
    // Event contract v2: SEQ and TIME after the manual's elements, where no positional parser looks.
    assert.deepEqual(elements, [...MANUAL_CALLSTART, 'SEQ', 'TIME']);
    assert.deepEqual(
      ['EVENTCLASS', 'EVENTTYPE', 'MODULE', 'DEVICEID', 'GLOBALCALLID', 'AGENTID', 'CALLDIRECTION', 'STARTTIME', 'USER1'].map((n) => tag(event, n)),
      ['CALL', 'CALLSTART', 'Api', '1111', '42', '16', 'I', '1/31/2011 2:39:49 PM', ''],
    );
    await expectNothingMore(client);
  });

  it('sends a CALL subscriber only call events and a RECORD subscriber only recording events, in publish order', async () => {
    const call = await subscribe('<EVENTCLASS>CALL</EVENTCLASS>');
    const record = await subscribe('<EVENTCLASS>Record</EVENTCLASS>');
    const all = await subscribe('<EVENTCLASS>ALL</EVENTCLASS>');
    const published = (['CALLSTART', 'RECORDINGSTARTED', 'RECORDINGPAUSED', 'RECORDINGRESUMED', 'RECORDINGSTOPPED', 'RECORDINGUPDATE', 'CALLSTOP'] as const)
      .map((type, i) => callcopyEvent(type, '1111', i));
    for (const event of published) servers.bus.publish(event);
    assert.deepEqual((await call.client.read(2)).map((e) => tag(e, 'EVENTTYPE')), ['CALLSTART', 'CALLSTOP']);
    assert.deepEqual((await record.client.read(5)).map((e) => tag(e, 'EVENTTYPE')),
      ['RECORDINGSTARTED', 'RECORDINGPAUSED', 'RECORDINGRESUMED', 'RECORDINGSTOPPED', 'RECORDINGUPDATE']);
    assert.deepEqual((await all.client.read(7)).map((e) => tag(e, 'GLOBALCALLID')), ['0', '1', '2', '3', '4', '5', '6']);
    for (const { client } of [call, record, all]) await expectNothingMore(client);
  });

  it('filters on EVENTVALUE: one DEVICEID, or a comma list with blanks', async () => {
    const one = await subscribe('<EVENTCLASS>ALL</EVENTCLASS><EVENTVALUE>2002</EVENTVALUE>');
    const list = await subscribe('<EVENTCLASS>ALL</EVENTCLASS><EVENTVALUE> 1001, ,3003,</EVENTVALUE>');
    ['1001', '2002', '3003', '4004', '20'].forEach((device, i) => servers.bus.publish(callcopyEvent('CALLSTART', device, i)));
    assert.deepEqual((await one.client.read(1)).map((e) => tag(e, 'DEVICEID')), ['2002']);
    assert.deepEqual((await list.client.read(2)).map((e) => tag(e, 'DEVICEID')), ['1001', '3003']);
    for (const { client } of [one, list]) await expectNothingMore(client);
  });

  it('answers a second EVENTS with API_ERROR_ALREADY_MONITORING (32) and keeps the first stream unchanged', async () => {
    const { client, reply } = await subscribe('<EVENTCLASS>CALL</EVENTCLASS>');
    await client.write(eventsRequest('<EVENTCLASS>ALL</EVENTCLASS>', 2));
    const [again] = await client.read();
    assert.equal(tag(again!, 'RESULTCODE'), '32');
    assert.equal(tag(again!, 'REQUESTID'), '2');
    assert.equal(servers.bus.subscriberCount, 1);
    servers.bus.publish(callcopyEvent('RECORDINGSTARTED', '1111', 1));
    servers.bus.publish(callcopyEvent('CALLSTART', '1111', 2));
    const [event] = await client.read();
    assert.equal(tag(event!, 'GLOBALCALLID'), '2');
    assert.equal(tag(event!, 'EVENTXREF'), tag(reply, 'EVENTXREF'));
    await expectNothingMore(client);
  });

  it('answers an unknown EVENTCLASS with API_EVENT_TYPE_INVALID (30) and subscribes nothing', async () => {
    const { client, reply } = await subscribe('<EVENTCLASS>AGENT</EVENTCLASS>');
    assert.equal(tag(reply, 'RESULTCODE'), '30');
    assert.equal(tag(reply, 'RESULTMSG'), "EVENTCLASS AGENT is not valid; use ALL, CALL or RECORD");
    assert.equal(servers.bus.subscriberCount, 0);
    await client.write(eventsRequest('<EVENTCLASS>CALL</EVENTCLASS>', 2));
    assert.equal(tag((await client.read())[0]!, 'RESULTCODE'), '20');
  });

  it('keeps answering requests on a monitoring connection, replies and events in the order they happened', async () => {
    const { client } = await subscribe('<EVENTCLASS>ALL</EVENTCLASS>');
    servers.bus.publish(callcopyEvent('CALLSTART', '1111', 1));
    await client.write(testRequest(7));
    const [first, reply] = await client.read(2);
    assert.equal(tag(first!, 'GLOBALCALLID'), '1');
    assert.equal(tag(reply!, 'REQUESTID'), '7');
    assert.equal(tag(reply!, 'RESULTTYPE'), 'API_OK');
    servers.bus.publish(callcopyEvent('CALLSTOP', '1111', 2));
    assert.equal(tag((await client.read())[0]!, 'GLOBALCALLID'), '2');
  });

  it('writes an event published while a pipelined request is answered after the replies answered before it', async () => {
    const { client } = await subscribe('<EVENTCLASS>ALL</EVENTCLASS>');
    await client.write(testRequest(1) + '<REQUEST><TYPE>PUBLISHTEST</TYPE><REQUESTID>2</REQUESTID></REQUEST>' + testRequest(3));
    const received = await client.read(4);
    const described = received.map((r) => (tag(r, 'EVENTTYPE') === 'CALLSTART' ? `event ${tag(r, 'GLOBALCALLID')}` : `${tag(r, 'REQUESTTYPE')} ${tag(r, 'REQUESTID')}`));
    assert.deepEqual(described, ['TEST 1', 'event 2', 'PUBLISHTEST 2', 'TEST 3']);
  });

  it('sends the snapshot right after the EVENTS reply and before the reply to a request pipelined behind it', async () => {
    servers.calls.events = [callcopyEvent('CALLSTART', '1111', 101), callcopyEvent('RECORDINGSTARTED', '1111', 102), callcopyEvent('CALLSTART', '2222', 103)];
    const client = await XmlClient.open(servers.apiPort);
    clients.push(client);
    await client.write(eventsRequest('<EVENTCLASS>ALL</EVENTCLASS><EVENTVALUE>1111</EVENTVALUE><SNAPSHOT>Y</SNAPSHOT>', 5) + testRequest(6));
    const [reply, ...rest] = await client.read(4);
    assert.equal(tag(reply!, 'REQUESTTYPE'), 'EVENTS');
    // The snapshot is what the subscriber asked for: device 2222 is filtered out like any event.
    assert.deepEqual(rest.map((r) => tag(r, 'GLOBALCALLID') ?? `TEST ${tag(r, 'REQUESTID')}`), ['101', '102', 'TEST 6']);
    assert.ok(rest.slice(0, 2).every((e) => tag(e, 'EVENTXREF') === tag(reply!, 'EVENTXREF')));
    servers.bus.publish(callcopyEvent('CALLSTOP', '1111', 104));
    assert.equal(tag((await client.read())[0]!, 'GLOBALCALLID'), '104');
  });

  it('sends no snapshot unless asked', async () => {
    servers.calls.events = [callcopyEvent('CALLSTART', '1111', 101)];
    const { client } = await subscribe('<EVENTCLASS>ALL</EVENTCLASS>');
    await expectNothingMore(client);
  });

  it('does not close a monitoring connection for being idle, and still closes an idle one that is not', async () => {
    const { client } = await subscribe('<EVENTCLASS>ALL</EVENTCLASS>');
    const idle = await XmlClient.open(servers.apiPort);
    clients.push(idle);
    await idle.waitClosed(3000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(client.closed, false);
    servers.bus.publish(callcopyEvent('CALLSTART', '1111', 1));
    assert.equal(tag((await client.read())[0]!, 'GLOBALCALLID'), '1');
  });

  it('unsubscribes when the client disconnects', async () => {
    const { client } = await subscribe('<EVENTCLASS>ALL</EVENTCLASS>');
    assert.equal(servers.bus.subscriberCount, 1);
    client.close();
    await until(() => servers.bus.subscriberCount === 0, 'the subscription is gone');
    assert.equal(servers.bus.publish(callcopyEvent('CALLSTART', '1111', 1)), 0);
  });

  it('does not keep the subscription of a client that left while its EVENTS waited behind a slower request', async () => {
    const client = await XmlClient.open(servers.apiPort);
    await client.write('<REQUEST><TYPE>PUBLISHTEST</TYPE><REQUESTID>1</REQUESTID></REQUEST>' + eventsRequest('<EVENTCLASS>ALL</EVENTCLASS>', 2));
    client.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(servers.bus.subscriberCount, 0);
  });

  it('answers API_COMMAND_NOT_ALLOWED (44) to EVENTS from a session that cannot carry events (HTTP)', async () => {
    const http: ApiSession = { id: 'http-1', transport: 'http', remoteAddress: '127.0.0.1' };
    const reply = await servers.dispatcher.dispatch(parseRequest(eventsRequest('<EVENTCLASS>ALL</EVENTCLASS>')), http);
    assert.equal(reply.result.type, 'API_COMMAND_NOT_ALLOWED');
    assert.equal(reply.result.message, 'EVENTS needs a persistent connection: the TCP API port or the WebSocket /events');
    assert.equal(servers.bus.subscriberCount, 0);
  });
});
