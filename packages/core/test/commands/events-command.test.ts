import 'reflect-metadata';
import assert from 'node:assert/strict';
import { Container, ContainerModule } from 'inversify';
import { pino } from 'pino';
import type { CallSnapshotSource } from '../../src/calls/call-snapshot-source.js';
import { ApiCommand, type ApiSession, type SessionEventChannel } from '../../src/commands/api-command.js';
import { ApiDispatcher, type ApiReply } from '../../src/commands/api-dispatcher.js';
import { commandsModule } from '../../src/commands/commands-module.js';
import { EventsCommand } from '../../src/commands/events/events-command.js';
import type { CallcopyEvent } from '../../src/events/callcopy-event.js';
import type { EventSubscriptionRequest } from '../../src/commands/events/event-subscription.js';
import { EventBus } from '../../src/events/event-bus.js';
import { buildResult } from '../../src/protocol/build-result.js';
import { parseRequest } from '../../src/protocol/parse-request.js';
import { TOKENS } from '../../src/tokens.js';

/** The calls in progress, fixed for the test. */
class FixedSnapshotSource implements CallSnapshotSource {
  constructor(private readonly events: CallcopyEvent[]) {}
  snapshot(): CallcopyEvent[] {
    return [...this.events];
  }
}

/** A session's event channel that keeps what EVENTS asked of it (the transports are tested in the server package). */
class RecordedEventChannel implements SessionEventChannel {
  readonly started: EventSubscriptionRequest[] = [];
  get monitoring(): boolean {
    return this.started.length > 0;
  }
  monitor(subscription: EventSubscriptionRequest): void {
    this.started.push(subscription);
  }
}

const callInProgress: CallcopyEvent = { type: 'CALLSTART', module: 'Api', deviceId: '1111', data: { DEVICEID: '1111' }, at: 0 };
const recordingInProgress: CallcopyEvent = { type: 'RECORDINGSTARTED', module: 'Api', deviceId: '1111', data: { DEVICEID: '1111' }, at: 0 };
const otherCall: CallcopyEvent = { type: 'CALLSTART', module: 'Api', deviceId: '2222', data: { DEVICEID: '2222' }, at: 0 };

function dispatcher(): ApiDispatcher {
  const container = new Container();
  container.load(
    new ContainerModule(({ bind }) => {
      bind(TOKENS.Logger).toConstantValue(pino({ level: 'silent' }));
      bind(TOKENS.EventBus).toConstantValue(new EventBus());
      bind(TOKENS.CallSnapshotSource).toConstantValue(new FixedSnapshotSource([callInProgress, recordingInProgress, otherCall]));
      bind<ApiCommand>(ApiCommand).to(EventsCommand).inSingletonScope();
    }),
    commandsModule,
  );
  return container.get(ApiDispatcher);
}

function tcpSession(channel: SessionEventChannel, id = 'tcp-1'): ApiSession {
  return { id, transport: 'tcp', remoteAddress: '127.0.0.1:5000', events: channel };
}

function events(params: string, requestId = 1): string {
  return `<REQUEST><REQUESTID>${requestId}</REQUESTID><TYPE>EVENTS</TYPE>${params}</REQUEST>`;
}

describe('EVENTS function', () => {
  let api: ApiDispatcher;
  let channel: RecordedEventChannel;
  const send = (xml: string, session: ApiSession = tcpSession(channel)): Promise<ApiReply> => Promise.resolve(api.dispatch(parseRequest(xml), session));

  beforeEach(() => {
    api = dispatcher();
    channel = new RecordedEventChannel();
  });

  it("answers the manual's Request Command with its Request Result Schema", async () => {
    const reply = await send('<REQUEST>\r\n  <REQUESTID>0</REQUESTID>\r\n  <TYPE>EVENTS</TYPE>\r\n  <EVENTCLASS>ALL</EVENTCLASS>\r\n  <EVENTVALUE></EVENTVALUE>\r\n</REQUEST>');
    const xref = channel.started[0]!.xref;
    assert.equal(
      buildResult(reply.requestType, reply.requestId, reply.result),
      '<RESULT>\n\t<REQUESTTYPE>EVENTS</REQUESTTYPE>\n\t<REQUESTID>0</REQUESTID>\n\t<RESULTTYPE>API_OK</RESULTTYPE>\n\t<RESULTCODE>20</RESULTCODE>\n' +
        `\t<RESULTMSG>API_OK</RESULTMSG>\n\t<EVENTXREF>${xref}</EVENTXREF>\n\t<EVENTCLASS>ALL</EVENTCLASS>\n\t<EVENTTYPE></EVENTTYPE>\n</RESULT>`,
    );
    assert.deepEqual(channel.started[0], { filter: { eventClass: 'ALL', deviceIds: undefined }, xref, snapshot: undefined, since: undefined, control: false });
  });

  it('gives each subscription its own EVENTXREF', async () => {
    const other = new RecordedEventChannel();
    const first = await send(events('<EVENTCLASS>ALL</EVENTCLASS>'));
    const second = await send(events('<EVENTCLASS>ALL</EVENTCLASS>'), tcpSession(other, 'tcp-2'));
    assert.notEqual(first.result.body!['EVENTXREF'], second.result.body!['EVENTXREF']);
    assert.equal(first.result.body!['EVENTXREF'], channel.started[0]!.xref);
    assert.equal(second.result.body!['EVENTXREF'], other.started[0]!.xref);
  });

  it('accepts EVENTCLASS in any casing and answers it upper-case', async () => {
    const reply = await send(events('<EVENTCLASS> record </EVENTCLASS>'));
    assert.equal(reply.result.type, 'API_OK');
    assert.equal(reply.result.body!['EVENTCLASS'], 'RECORD');
    assert.equal(channel.started[0]!.filter.eventClass, 'RECORD');
  });

  for (const [label, param, message] of [
    ['a missing', '', 'no EVENTCLASS was sent; use ALL, CALL or RECORD'],
    ['a blank', '<EVENTCLASS></EVENTCLASS>', 'no EVENTCLASS was sent; use ALL, CALL or RECORD'],
    ['an unknown', '<EVENTCLASS>AGENT</EVENTCLASS>', "EVENTCLASS AGENT is not valid; use ALL, CALL or RECORD"],
  ] as const) {
    it(`answers API_EVENT_TYPE_INVALID (30) for ${label} EVENTCLASS and starts nothing`, async () => {
      const reply = await send(events(param));
      assert.equal(reply.result.type, 'API_EVENT_TYPE_INVALID');
      assert.equal(reply.result.message, message);
      assert.equal(channel.monitoring, false);
    });
  }

  it('reads EVENTVALUE as one DEVICEID or a comma list, trimmed, blanks ignored', async () => {
    await send(events('<EVENTCLASS>CALL</EVENTCLASS><EVENTVALUE>1111</EVENTVALUE>'));
    const list = new RecordedEventChannel();
    await send(events('<EVENTCLASS>CALL</EVENTCLASS><EVENTVALUE> 1111, ,2222 ,3333,</EVENTVALUE>'), tcpSession(list, 'tcp-2'));
    assert.deepEqual(channel.started[0]!.filter.deviceIds, new Set(['1111']));
    assert.deepEqual(list.started[0]!.filter.deviceIds, new Set(['1111', '2222', '3333']));
  });

  it('refuses an EVENTVALUE item longer than a DEVICEID with API_PARAMETERS_INVALID (59)', async () => {
    const reply = await send(events(`<EVENTCLASS>ALL</EVENTCLASS><EVENTVALUE>1111,${'9'.repeat(65)}</EVENTVALUE>`));
    assert.equal(reply.result.type, 'API_PARAMETERS_INVALID');
    assert.match(reply.result.message!, /^EVENTVALUE item '9+…' is longer than 64 characters/);
  });

  it('hands the calls in progress to the channel when SNAPSHOT is Y, and none otherwise', async () => {
    await send(events('<EVENTCLASS>ALL</EVENTCLASS><SNAPSHOT>y</SNAPSHOT>'));
    const without = new RecordedEventChannel();
    await send(events('<EVENTCLASS>ALL</EVENTCLASS><SNAPSHOT>N</SNAPSHOT>'), tcpSession(without, 'tcp-2'));
    assert.deepEqual(channel.started[0]!.snapshot, [callInProgress, recordingInProgress, otherCall]);
    assert.equal(without.started[0]!.snapshot, undefined);
  });

  it('hands over only the snapshot events the subscription would receive', async () => {
    await send(events('<EVENTCLASS>CALL</EVENTCLASS><EVENTVALUE>1111</EVENTVALUE><SNAPSHOT>Y</SNAPSHOT>'));
    assert.deepEqual(channel.started[0]!.snapshot, [callInProgress]);
  });

  it('refuses a SNAPSHOT other than Y or N with 59', async () => {
    const reply = await send(events('<EVENTCLASS>ALL</EVENTCLASS><SNAPSHOT>yes</SNAPSHOT>'));
    assert.equal(reply.result.type, 'API_PARAMETERS_INVALID');
    assert.equal(channel.monitoring, false);
  });

  it('hands SINCE to the channel as a number, and asks for control messages with SINCE or V=2 only (Found 4: resume by SEQ)', async () => {
    await send(events('<EVENTCLASS>ALL</EVENTCLASS><SINCE>1764662400000017</SINCE>'));
    const v2 = new RecordedEventChannel();
    await send(events('<EVENTCLASS>ALL</EVENTCLASS><V>2</V>'), tcpSession(v2, 'tcp-2'));
    const plain = new RecordedEventChannel();
    await send(events('<EVENTCLASS>ALL</EVENTCLASS><SNAPSHOT>Y</SNAPSHOT><V>1</V>'), tcpSession(plain, 'tcp-3'));
    assert.deepEqual([channel, v2, plain].map((c) => [c.started[0]!.since, c.started[0]!.control]), [[1764662400000017, true], [undefined, true], [undefined, false]]);
  });

  for (const [param, message] of [
    ['<SINCE>-1</SINCE>', /^SINCE must be between 0 and 9007199254740991, got -1$/],
    ['<SINCE>12x</SINCE>', /^SINCE must be an integer, got '12x'$/],
    ['<V>3</V>', /^V must be one of '1', '2', got '3'$/],
  ] as const) {
    it(`refuses ${param} with API_PARAMETERS_INVALID (59) and starts nothing`, async () => {
      const reply = await send(events(`<EVENTCLASS>ALL</EVENTCLASS>${param}`));
      assert.equal(reply.result.type, 'API_PARAMETERS_INVALID');
      assert.match(reply.result.message!, message);
      assert.equal(channel.monitoring, false);
    });
  }

  it('answers API_ERROR_ALREADY_MONITORING (32) to a second EVENTS on the same session', async () => {
    await send(events('<EVENTCLASS>ALL</EVENTCLASS>'));
    const again = await send(events('<EVENTCLASS>CALL</EVENTCLASS>', 2));
    assert.equal(again.result.type, 'API_ERROR_ALREADY_MONITORING');
    assert.equal(again.requestId, '2');
    assert.equal(channel.started.length, 1);
  });

  it('answers API_COMMAND_NOT_ALLOWED (44) on a session that cannot carry events (an HTTP request)', async () => {
    const http: ApiSession = { id: 'http-1', transport: 'http', remoteAddress: '127.0.0.1' };
    const reply = await send(events('<EVENTCLASS>ALL</EVENTCLASS>'), http);
    assert.equal(reply.result.type, 'API_COMMAND_NOT_ALLOWED');
    assert.equal(reply.result.message, 'EVENTS needs a persistent connection: the TCP API port or the WebSocket /events');
  });
});
