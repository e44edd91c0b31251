import assert from 'node:assert/strict';
import { LINE_CALL_STATES } from '../src/protocol/line-call-state.js';
import { callInfo, callState } from './support/bridge-messages.js';
import { TcpBridgeStandIn } from './support/bridge-stand-in.js';
import { deviceStatus, eventNames, type TestHost } from '@callwire/plugin-kit/testing';
import { startTapi } from './support/plugin-under-test.js';
import { runsOf, stateValues, writtenSequences, type StateChange } from './support/tapi-sequences.js';

const SEQUENCES = writtenSequences();
const sequence = (name: string) => {
  const found = SEQUENCES.get(name);
  assert.ok(found, `the fixture has a '${name}' sequence`);
  return found;
};

const START = ['CALLSTART', 'RECORDINGSTARTED'];
const STOP = ['CALLSTOP', 'RECORDINGSTOPPED', 'RECORDINGUPDATE'];
const CUSTOMER = { callerId: '6145551212', calledId: '8005550100', origin: 'EXTERNAL', reason: 'DIRECT' };

/** A host running the plugin against a TCP bridge stand-in; line 1 is device 201. */
async function setUp(options: Record<string, unknown> = {}): Promise<{ bridge: TcpBridgeStandIn; host: TestHost }> {
  const bridge = await TcpBridgeStandIn.start();
  const host = await startTapi({ bridge: bridge.option, lines: { '1': '201' }, ...options });
  await bridge.waitForConnection();
  return { bridge, host };
}

/**
 * Sends a run of states for one call and checks, after each state, exactly
 * which events it published (`expected` names them per state).
 */
async function replay(
  bridge: TcpBridgeStandIn,
  host: TestHost,
  handle: string,
  run: readonly StateChange[],
  expected: (change: StateChange, index: number) => string[],
): Promise<void> {
  for (const [index, change] of run.entries()) {
    const before = eventNames(host, '201').length;
    bridge.send(callState('1', handle, change));
    await bridge.sync();
    const published = eventNames(host, '201').slice(before);
    const label = `${change.state}${change.mode ? `(${change.mode})` : ''} (state ${index + 1} of ${run.map((c) => c.state).join(' -> ')})`;
    assert.deepEqual(published, expected(change, index).map((type) => `${type} 201 ${handle}`), `events after ${label}`);
  }
}

describe('TAPI call sequences from the fixture, replayed by a TCP bridge stand-in', function () {
  let bridge: TcpBridgeStandIn;
  let host: TestHost;
  let nextHandle = 0x1000;
  const newHandle = () => `0x${(nextHandle++).toString(16)}`;

  beforeEach(async () => ({ bridge, host } = await setUp()));
  afterEach(async () => {
    await host.close();
    await bridge.close();
  });

  it('knows every LINECALLSTATE value of tapi.h as the fixture lists them, and reads states sent as numbers', async () => {
    const fixture = stateValues();
    assert.equal(fixture.size, 16);
    for (const [name, value] of fixture) assert.equal(LINE_CALL_STATES[name as keyof typeof LINE_CALL_STATES], value, `LINECALLSTATE_${name}`);

    const handle = newHandle();
    bridge.send(callInfo('1', handle, { callId: 77, ...CUSTOMER }));
    const run = runsOf(sequence('inbound answered'), true)[0]!.map((c) => ({ ...c, state: fixture.get(String(c.state))! }));
    await replay(bridge, host, handle, run, (c) =>
      c.state === LINE_CALL_STATES.CONNECTED ? START : c.state === LINE_CALL_STATES.DISCONNECTED ? STOP : [],
    );
  });

  it('inbound answered, with and without ACCEPTED: starts when CONNECTED, stops at DISCONNECTED, ignores IDLE; the API and the recording carry its numbers', async () => {
    const runs = [...runsOf(sequence('inbound answered'), true), ...runsOf(sequence('inbound answered'), false)];
    assert.deepEqual(runs.map((r) => r.map((c) => c.state).join(' ')), ['OFFERING ACCEPTED CONNECTED DISCONNECTED IDLE', 'OFFERING CONNECTED DISCONNECTED IDLE']);
    for (const [i, run] of runs.entries()) {
      const handle = newHandle();
      bridge.send(callInfo('1', handle, { callId: 500 + i, ...CUSTOMER }));
      await replay(bridge, host, handle, run, (c) => {
        if (c.state === 'CONNECTED') return START;
        return c.state === 'DISCONNECTED' ? STOP : [];
      });
    }

    // While a call is up, DEVICESTATUS shows it and its numbers.
    const handle = newHandle();
    bridge.send(callInfo('1', handle, { callId: 900, ...CUSTOMER }), callState('1', handle, 'OFFERING'), callState('1', handle, 'CONNECTED'));
    await bridge.sync();
    const status = await deviceStatus(host, '201');
    assert.deepEqual(
      ['ANI', 'DNIS', 'CALLDIRECTION', 'CALLID', 'CALLINSTANCE', 'ISRECORDING'].map((name) => status?.[name]),
      ['6145551212', '8005550100', 'I', '900', handle, 'Y'],
    );
    bridge.send(callState('1', handle, { state: 'DISCONNECTED', mode: 'NORMAL' }));
    await bridge.sync();
    assert.equal((await deviceStatus(host, '201'))?.['ISRECORDING'], 'N');

    const rows = await host.recordings('201');
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.state === 'complete' && r.ani === '6145551212' && r.dnis === '8005550100' && r.calldirection === 'I'));
    assert.deepEqual(rows.map((r) => r.callid), ['500', '501', '900']);
  });

  it('inbound missed (every disconnect mode): never started, publishes nothing, records nothing', async () => {
    const runs = runsOf(sequence('inbound missed'), true);
    assert.deepEqual(runs.map((r) => r[1]!.mode), ['NOANSWER', 'PICKUP', 'FORWARDED', 'UNKNOWN']);
    for (const run of runs) {
      const handle = newHandle();
      bridge.send(callInfo('1', handle, { callId: 600, ...CUSTOMER }));
      await replay(bridge, host, handle, run, () => []);
    }
    assert.deepEqual(eventNames(host), []);
    assert.deepEqual(await host.recordings('201'), []);
    // The device never had a call, so the API does not even know it.
    assert.equal((await host.request('DEVICESTATUS', { DEVICEID: '201' })).type, 'API_DEVICE_INVALID');
  });

  it('outbound: starts at DIALTONE as an outbound call to the called number, stops once; a busy attempt stops at IDLE', async () => {
    const [run] = runsOf(sequence('outbound'), true);
    assert.deepEqual(run!.map((c) => c.state), ['DIALTONE', 'DIALING', 'PROCEEDING', 'RINGBACK', 'CONNECTED', 'DISCONNECTED', 'IDLE']);
    const handle = newHandle();
    bridge.send(callInfo('1', handle, { callId: 700, callerId: '201', calledId: '5551234', origin: 'OUTBOUND' }));
    await replay(bridge, host, handle, run!, (c) => (c.state === 'DIALTONE' ? START : c.state === 'DISCONNECTED' ? STOP : []));

    // "(or BUSY -> IDLE)": the attempt after RINGBACK is busy; DISCONNECTED never comes.
    const busy = [...run!.slice(0, 4), { state: 'BUSY' }, { state: 'IDLE' }];
    const busyHandle = newHandle();
    bridge.send(callInfo('1', busyHandle, { callId: 701, callerId: '201', calledId: '5559999', origin: 'OUTBOUND' }));
    await replay(bridge, host, busyHandle, busy, (c) => (c.state === 'DIALTONE' ? START : c.state === 'IDLE' ? STOP : []));

    const rows = await host.recordings('201');
    assert.deepEqual(rows.map((r) => [r.calldirection, r.ani, r.dnis, r.call_instance, r.state]), [
      ['O', '201', '5551234', handle, 'complete'],
      ['O', '201', '5559999', busyHandle, 'complete'],
    ]);
  });

  it('hold/unhold: the call is held on ONHOLD and connected again on CONNECTED, with one recording throughout', async () => {
    const [hold] = runsOf(sequence('hold/unhold'), true);
    assert.deepEqual(hold!.map((c) => c.state), ['CONNECTED', 'ONHOLD', 'CONNECTED']);
    const handle = newHandle();
    bridge.send(callInfo('1', handle, { callId: 800, ...CUSTOMER }), callState('1', handle, 'OFFERING'));
    const seen: (string | undefined)[] = [];
    for (const change of hold!) {
      bridge.send(callState('1', handle, change));
      await bridge.sync();
      seen.push(host.callState('201', handle));
    }
    assert.deepEqual(seen, ['connected', 'held', 'connected']);
    bridge.send(callState('1', handle, { state: 'DISCONNECTED', mode: 'NORMAL' }), callState('1', handle, 'IDLE'));
    await bridge.sync();
    assert.deepEqual(eventNames(host, '201'), [...START, ...STOP].map((type) => `${type} 201 ${handle}`));
    assert.equal((await host.recordings('201')).length, 1);
  });

  it('duplicated states change nothing: every state of each sequence sent twice gives the same events', async () => {
    for (const [name, starts, stops] of [
      ['inbound answered', 'CONNECTED', 'DISCONNECTED'],
      ['outbound', 'DIALTONE', 'DISCONNECTED'],
    ] as const) {
      const [run] = runsOf(sequence(name), true);
      const doubled = run!.flatMap((change) => [change, change]);
      const handle = newHandle();
      bridge.send(callInfo('1', handle, { callId: 300, ...CUSTOMER }));
      await replay(bridge, host, handle, doubled, (c, i) => {
        const first = i % 2 === 0;
        if (first && c.state === starts) return START;
        return first && c.state === stops ? STOP : [];
      });
    }
    assert.equal((await host.recordings('201')).length, 2);
  });

  it('missing states: a call first seen CONNECTED starts (direction from its origin); one first seen ONHOLD starts held; IDLE stops a call whose DISCONNECTED never came', async () => {
    const inbound = newHandle();
    bridge.send(callInfo('1', inbound, { callId: 41, callerId: '3035550000', calledId: '201', origin: 'INTERNAL' }));
    await replay(bridge, host, inbound, [{ state: 'CONNECTED', mode: 'ACTIVE' }, { state: 'IDLE' }], (c) => (c.state === 'CONNECTED' ? START : STOP));

    const outbound = newHandle();
    bridge.send(callInfo('1', outbound, { callId: 42, callerId: '201', connectedId: '4045550000', origin: 'OUTBOUND' }));
    await replay(bridge, host, outbound, [{ state: 'CONNECTED' }, { state: 'DISCONNECTED', mode: 'NORMAL' }], (c) => (c.state === 'CONNECTED' ? START : STOP));

    const held = newHandle();
    bridge.send(callState('1', held, 'ONHOLD'));
    await bridge.sync();
    assert.equal(host.callState('201', held), 'held');
    bridge.send(callState('1', held, 'IDLE'));
    await bridge.sync();
    assert.equal(host.callState('201', held), undefined);

    const rows = await host.recordings('201');
    assert.deepEqual(rows.map((r) => [r.call_instance, r.calldirection, r.ani, r.dnis]), [
      [inbound, 'I', '3035550000', '201'],
      [outbound, 'O', '201', '4045550000'],
      [held, '?', null, null],
    ]);
  });

  it('a call on a line with no DEVICEID is not followed, and the others still are', async () => {
    bridge.send(callState('9', '0x1', 'CONNECTED'));
    const handle = newHandle();
    await replay(bridge, host, handle, [{ state: 'CONNECTED' }, { state: 'DISCONNECTED' }], (c) => (c.state === 'CONNECTED' ? START : STOP));
    assert.deepEqual(eventNames(host).filter((e) => !e.includes(' 201 ')), []);
  });
});

describe('TAPI start policy start.inbound = offering', function () {
  let bridge: TcpBridgeStandIn;
  let host: TestHost;

  beforeEach(async () => ({ bridge, host } = await setUp({ start: { inbound: 'offering' } })));
  afterEach(async () => {
    await host.close();
    await bridge.close();
  });

  it('starts inbound calls when they ring, so a missed call is started and stopped (and recorded, if a schedule says so)', async () => {
    for (const [i, run] of runsOf(sequence('inbound missed'), true).entries()) {
      const handle = `0x${(0x2000 + i).toString(16)}`;
      bridge.send(callInfo('1', handle, { callId: 610 + i, ...CUSTOMER }));
      await replay(bridge, host, handle, run, (c) => (c.state === 'OFFERING' ? START : c.state === 'DISCONNECTED' ? STOP : []));
    }
    const rows = await host.recordings('201');
    assert.equal(rows.length, 4);
    assert.ok(rows.every((r) => r.state === 'complete' && r.calldirection === 'I'));

    const [answered] = runsOf(sequence('inbound answered'), true);
    await replay(bridge, host, '0x3000', answered!, (c) => (c.state === 'OFFERING' ? START : c.state === 'DISCONNECTED' ? STOP : []));
  });
});
