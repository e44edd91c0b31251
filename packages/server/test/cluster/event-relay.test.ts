import assert from 'node:assert/strict';
import { EventBus } from '@callwire/core';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { EventFollower } from '../../src/cluster/event-follower.js';
import { EventPublisher } from '../../src/cluster/event-publisher.js';
import { clusterSubjects, type ClusterSubjects } from '../../src/cluster/subjects.js';
import { callcopyEvent } from '../support/callcopy-events.js';
import { CapturedLog, LEVEL } from '../support/captured-log.js';
import { NatsServer, natsServerAvailable } from '../support/nats-server.js';
import { TcpProxy } from '../support/tcp-proxy.js';

const log = pino({ level: 'silent' });

/** What a bus's EVENTCLASS ALL subscriber got: `seq` and the event's GLOBALCALLID, in order. */
function received(bus: EventBus): { seq: number; id: string }[] {
  const got: { seq: number; id: string }[] = [];
  bus.subscribe({ eventClass: 'ALL', deliver: (published) => void got.push({ seq: published.seq, id: published.event.data['GLOBALCALLID']! }) });
  return got;
}

/** Publishes events `from`..`to` (GLOBALCALLID) on `bus`; returns what its own subscribers would see. */
function publish(bus: EventBus, from: number, to: number): { seq: number; id: string }[] {
  const sent: { seq: number; id: string }[] = [];
  for (let id = from; id <= to; id++) {
    bus.publish(callcopyEvent('CALLSTART', '1111', id));
    sent.push({ seq: bus.latestSeq, id: String(id) });
  }
  return sent;
}

/** Resolves once `done()` holds; rejects naming `what` after `timeoutMs`. */
async function until(what: string | (() => string), done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('events relayed from the engine node to other nodes over a JetStream stream (real nats-server)', function () {
  this.timeout(60_000);
  let nats: NatsServer;
  let tests = 0;
  let subjects: ClusterSubjects;
  const connections: NatsConnection[] = [];
  const stoppable: { stop(): Promise<void> }[] = [];

  const node = async (url = nats.url): Promise<NatsConnection> => {
    const nc = await connect({ servers: url, maxReconnectAttempts: -1, reconnectTimeWait: 100, pingInterval: 2000, maxPingOut: 3 });
    connections.push(nc);
    return nc;
  };
  const publisher = async (bus: EventBus, logger = log) => keep(await EventPublisher.start(await node(), bus, { subjects, log: logger }));
  const follower = async (bus: EventBus, url?: string, logger = log) => keep(await EventFollower.start(await node(url), bus, { subjects, log: logger }));
  const keep = <T extends { stop(): Promise<void> }>(it: T): T => (stoppable.push(it), it);
  const streamState = async () => (await (await jetstreamManager(connections[0]!)).streams.info(subjects.eventStream)).state;

  before(async function () {
    if (!natsServerAvailable()) return this.skip();
    nats = await NatsServer.start();
  });

  beforeEach(() => {
    subjects = clusterSubjects(`relay${++tests}`);
  });

  afterEach(async () => {
    await Promise.all(stoppable.splice(0).map((it) => it.stop()));
    await Promise.all(connections.splice(0).map((nc) => nc.close()));
  });

  after(async () => {
    await nats?.stop();
  });

  it("delivers the engine bus's events to a follower bus's subscriber once each, in order, with the engine's seq", async () => {
    const engineBus = new EventBus();
    const followerBus = new EventBus({ firstSeq: 7 });
    await publisher(engineBus);
    const relay = await follower(followerBus);
    assert.equal(relay.lastSeq, 0, 'the stream was empty');
    const got = received(followerBus);

    const sent = publish(engineBus, 1, 1000);
    await until('1000 events relayed', () => got.length >= 1000);
    const marker = publish(engineBus, 1001, 1001);
    await until('the marker relayed', () => got.length >= 1001);

    assert.deepEqual(got, [...sent, ...marker]);
    assert.equal(relay.lastSeq, engineBus.latestSeq);
    assert.equal(followerBus.latestSeq, engineBus.latestSeq);
    assert.equal((await streamState()).messages, 1001, 'each event stored once');
    const since = sent[899]!.seq;
    const replay = followerBus.eventsAfter(since, { eventClass: 'ALL' });
    assert.deepEqual([replay.gone, replay.events.map((e) => e.seq)], [false, [...sent.slice(900), ...marker].map((e) => e.seq)], 'SINCE on the follower node');
  });

  it("starts a follower that comes later after the stream's last event", async () => {
    const engineBus = new EventBus();
    const engine = await publisher(engineBus);
    const before = publish(engineBus, 1, 3);
    await until('the first events stored', () => engine.pending === 0);

    const followerBus = new EventBus();
    const relay = await follower(followerBus);
    assert.equal(relay.lastSeq, before[2]!.seq);
    const got = received(followerBus);
    const after = publish(engineBus, 4, 6);
    await until('the later events relayed', () => got.length >= 3);
    const marker = publish(engineBus, 7, 7);
    await until('the marker relayed', () => got.length >= 4);
    assert.deepEqual(got, [...after, ...marker]);
    assert.equal(followerBus.eventsAfter(before[2]!.seq, { eventClass: 'ALL' }).gone, false, 'a SEQ of the last event before the follower started is the place the relay goes on from');
    assert.equal(followerBus.eventsAfter(before[1]!.seq, { eventClass: 'ALL' }).gone, true, 'one before it reads as gone');
  });

  it('gets every event published while nats-server was down to the follower, once each, in order, once it is back', async () => {
    const engineBus = new EventBus();
    const followerBus = new EventBus();
    const captured = new CapturedLog('info');
    const engine = await publisher(engineBus, captured.logger);
    await follower(followerBus);
    const got = received(followerBus);
    const first = publish(engineBus, 1, 5);
    await until('the first events relayed', () => got.length >= 5);

    await nats.kill();
    const meanwhile = publish(engineBus, 6, 300);
    await captured.line(/publishing events to JetStream failed/, 15_000);
    await nats.restart();
    const afterwards = publish(engineBus, 301, 310);
    await until(
      () => `all events relayed after the restart (${got.length} relayed: ${got.map((e) => e.id).join(",")}, ${engine.pending} not published; ${captured.lines.map((l) => l.msg).join(' | ')})`,
      () => got.length >= 310,
      40_000,
    );
    const marker = publish(engineBus, 311, 311);
    await until('the marker relayed', () => got.length >= 311);

    assert.deepEqual(got, [...first, ...meanwhile, ...afterwards, ...marker]);
    assert.equal(engine.pending, 0);
    assert.equal((await streamState()).messages, 311, 'each event stored once');
    const lines = captured.lines.filter((line) => line.level >= LEVEL.info).map((line) => line.msg);
    assert.equal(lines.filter((msg) => /failed/.test(msg)).length, 1, `the outage logged once: ${lines.join(' | ')}`);
    assert.equal(lines.filter((msg) => /works again/.test(msg)).length, 1, `the recovery logged once: ${lines.join(' | ')}`);
  });

  it("takes over: a follower stopped relays all the old engine published, and its bus's publisher goes on with the next seq", async () => {
    const engineBus = new EventBus();
    const nextEngineBus = new EventBus({ firstSeq: 1 });
    const otherBus = new EventBus({ firstSeq: 1 });
    const oldEngine = await publisher(engineBus);
    const proxy = await TcpProxy.start('127.0.0.1', nats.port);
    stoppable.push({ stop: () => proxy.close() });
    const captured = new CapturedLog('info');
    const relay = await follower(nextEngineBus, `nats://127.0.0.1:${proxy.port}`, captured.logger);
    await follower(otherBus);
    const onNext = received(nextEngineBus);
    const onOther = received(otherBus);

    const warmUp = publish(engineBus, 0, 0);
    await until('both followers consuming', () => onNext.length === 1 && onOther.length === 1);
    proxy.cut();
    const sent = [...warmUp, ...publish(engineBus, 1, 2000)];
    await until('the old engine stored all it published', () => oldEngine.pending === 0);
    assert.equal(onNext.length, 1, 'the next engine, cut off from NATS, is behind');
    proxy.resume();
    await relay.stop();
    assert.deepEqual(onNext, sent, 'everything the old engine published, before stop() resolves');
    assert.equal(relay.lastSeq, engineBus.latestSeq);
    assert.deepEqual(captured.lines.filter((line) => line.level >= LEVEL.warn).map((line) => line.msg), [], 'it caught up: no warning');

    await oldEngine.stop();
    nextEngineBus.advanceTo(relay.lastSeq);
    await publisher(nextEngineBus);
    const continued = publish(nextEngineBus, 2001, 2003);
    assert.deepEqual(continued.map((e) => e.seq), [1, 2, 3].map((n) => relay.lastSeq + n));
    await until("the new engine's events relayed to the other node", () => onOther.length >= 2004);
    const marker = publish(nextEngineBus, 2004, 2004);
    await until('the marker relayed', () => onOther.length >= 2005);
    assert.deepEqual(onOther, [...sent, ...continued, ...marker]);
    assert.deepEqual(onNext, [...sent, ...continued, ...marker], 'the new engine\'s bus: no event relayed after stop(), its own published once');
    const replay = otherBus.eventsAfter(sent[1990]!.seq, { eventClass: 'ALL' });
    assert.deepEqual([replay.gone, replay.events.map((e) => e.seq)], [false, [...sent.slice(1991), ...continued, ...marker].map((e) => e.seq)], 'SINCE across the engine change: no jump in the sequence');
  });
});
