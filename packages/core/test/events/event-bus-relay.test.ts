import assert from 'node:assert/strict';
import type { CallcopyEvent } from '../../src/events/callcopy-event.js';
import { EventBus } from '../../src/events/event-bus.js';
import type { PublishedEvent } from '../../src/events/published-event.js';

const event = (deviceId: string): CallcopyEvent => ({ type: 'CALLSTART', module: 'Api', deviceId, data: {}, at: 0 });
const ALL = { eventClass: 'ALL' } as const;

/** A bus and what an EVENTCLASS ALL subscriber got from it, as `seq:device`. */
function subscribed(bus: EventBus): string[] {
  const got: string[] = [];
  bus.subscribe({ ...ALL, deliver: (published: PublishedEvent) => got.push(`${published.seq}:${published.event.deviceId}`) });
  return got;
}

const replayed = (bus: EventBus, since: number) => {
  const { gone, oldest, events } = bus.eventsAfter(since, ALL);
  return { gone, oldest, seqs: events.map((e) => e.seq) };
};

describe('EventBus relaying another node\'s events (publishRelayed, advanceTo)', () => {
  it('delivers a relayed event with the seq it was given, also below the bus\'s own first, and it becomes the latest', () => {
    const bus = new EventBus({ firstSeq: 1_000_000 });
    const got = subscribed(bus);
    bus.subscribe({ eventClass: 'ALL', deviceIds: new Set(['other']), deliver: () => assert.fail('filtered out') });
    assert.equal(bus.publishRelayed(41, event('a')), 1);
    assert.equal(bus.publishRelayed(42, event('b')), 1);
    assert.deepEqual(got, ['41:a', '42:b']);
    assert.equal(bus.latestSeq, 42);
    assert.equal(bus.control('HEARTBEAT').seq, 42);
  });

  it('replays relayed events after a SEQ; a SEQ from before the first relayed one (the bus\'s own) reads as gone', () => {
    const bus = new EventBus({ firstSeq: 1_000_000 });
    bus.publish(event('own'));
    for (let seq = 41; seq <= 44; seq++) bus.publishRelayed(seq, event(String(seq)));
    assert.deepEqual(replayed(bus, 42), { gone: false, oldest: 41, seqs: [43, 44] });
    assert.deepEqual(replayed(bus, 40), { gone: false, oldest: 41, seqs: [41, 42, 43, 44] }, 'the seq just before the first relayed one');
    assert.deepEqual(replayed(bus, 1_000_001), { gone: true, oldest: 41, seqs: [41, 42, 43, 44] }, 'the bus\'s own event');
    assert.deepEqual(replayed(bus, 39), { gone: true, oldest: 41, seqs: [41, 42, 43, 44] });
  });

  it('on a jump (an engine change), a SEQ from before it is gone and one after it is replayed', () => {
    const bus = new EventBus({ firstSeq: 0 });
    for (let seq = 1; seq <= 3; seq++) bus.publishRelayed(seq, event(String(seq)));
    bus.publishRelayed(10, event('10'));
    bus.publishRelayed(11, event('11'));
    assert.deepEqual(replayed(bus, 2), { gone: true, oldest: 10, seqs: [10, 11] }, 'events 4..9 may have existed: gone');
    assert.deepEqual(replayed(bus, 3), { gone: true, oldest: 10, seqs: [10, 11] }, 'the last before the jump: gone too');
    assert.deepEqual(replayed(bus, 9), { gone: false, oldest: 10, seqs: [10, 11] });
    assert.deepEqual(replayed(bus, 10), { gone: false, oldest: 10, seqs: [11] });
  });

  it('keeps the replay buffer through relayed events that follow each other and then events published here (a takeover)', () => {
    const bus = new EventBus({ firstSeq: 0, replayBuffer: 100 });
    const got = subscribed(bus);
    bus.publishRelayed(1, event('relayed-1'));
    bus.publishRelayed(2, event('relayed-2'));
    bus.advanceTo(2);
    bus.publish(event('own'));
    assert.deepEqual(got, ['1:relayed-1', '2:relayed-2', '3:own']);
    assert.deepEqual(replayed(bus, 1), { gone: false, oldest: 1, seqs: [2, 3] });
  });

  it('advanceTo moves the latest up, never down; events published next follow it and one before it reads as gone', () => {
    const bus = new EventBus({ firstSeq: 100 });
    bus.publish(event('a'));
    bus.advanceTo(50);
    assert.equal(bus.latestSeq, 101, 'not down');
    assert.deepEqual(replayed(bus, 100), { gone: false, oldest: 101, seqs: [101] }, 'and nothing dropped');
    bus.advanceTo(101);
    assert.deepEqual(replayed(bus, 100), { gone: false, oldest: 101, seqs: [101] }, 'advancing to the latest drops nothing');
    bus.advanceTo(200);
    assert.equal(bus.latestSeq, 200);
    assert.deepEqual(replayed(bus, 200), { gone: false, oldest: 201, seqs: [] }, 'a SEQ of the latest (a HEARTBEAT\'s) is not gone');
    const got = subscribed(bus);
    bus.publish(event('b'));
    assert.deepEqual(got, ['201:b']);
    assert.deepEqual(replayed(bus, 200), { gone: false, oldest: 201, seqs: [201] });
    assert.deepEqual(replayed(bus, 101), { gone: true, oldest: 201, seqs: [201] }, 'the events between were not had here');
  });
});
