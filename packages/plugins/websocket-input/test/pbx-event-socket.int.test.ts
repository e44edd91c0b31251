import assert from 'node:assert/strict';
import { websocketInputOptions } from '../src/options.js';
import { deviceStatus, eventNames, type TestHost } from '@callwire/plugin-kit/testing';
import { eventSeen, startInput, waitFor } from './support/plugin-under-test.js';
import { PbxStandIn, samples } from './support/pbx-stand-in.js';

/**
 * Quick reconnects for every test. The heartbeat is left at its default
 * except where a test is about it (PINGING): a heartbeat of a few tens of ms
 * misses a pong whenever a loaded machine stalls the event loop that long,
 * and the plugin then reconnects and loses the events the test sends.
 */
const FAST = { reconnect: { initialMs: 20, maxMs: 200 } };
/** A heartbeat a test can see twice in half a second, slow enough that a busy event loop does not miss its pongs. */
const PINGING = { heartbeatSeconds: 0.2 };
const STOPPED = (device: string, call: string) => [`CALLSTOP ${device} ${call}`, `RECORDINGSTOPPED ${device} ${call}`, `RECORDINGUPDATE ${device} ${call}`];

/** An ARI channel event as Asterisk sends it. */
function ari(type: string, channel: { id: string; name: string; state: string; caller?: string; exten?: string }): object {
  return {
    type, application: 'callwire', timestamp: '2026-09-05T12:00:00.000+0000',
    channel: {
      id: channel.id, name: channel.name, state: channel.state, caller: { name: '', number: channel.caller ?? '' },
      ...(channel.exten ? { dialplan: { context: 'from-internal', exten: channel.exten, priority: 1 } } : {}),
    },
  };
}

/** A Yeastar 30011 Call Status Changed, with its msg double-encoded as Yeastar sends it. */
function callStatus(callId: string, members: object[]): object {
  return { type: 30011, sn: '3631A2124XXX', msg: JSON.stringify({ call_id: callId, members }) };
}
const extension = (number: string, status: string) => ({ extension: { number, channel_id: `PJSIP/${number}-0000001f`, member_status: status, call_path: '' } });

describe('websocket-input client options', function () {
  it('require a profile and a ws:// URL, and fill in the documented defaults', () => {
    const parsed = websocketInputOptions.parse({ mode: 'client', profile: 'yeastar', connect: { url: 'wss://pbx:8088/openapi/v1.0/subscribe?access_token=x' } });
    assert.deepEqual(parsed, {
      mode: 'client', profile: 'yeastar', connect: { url: 'wss://pbx:8088/openapi/v1.0/subscribe?access_token=x', headers: {} },
      devices: {}, ignoreUnmapped: false, startOnRing: false, topics: [30011, 30008], heartbeatSeconds: 25,
      reconnect: { initialMs: 1000, maxMs: 30000 },
    });
    assert.equal(websocketInputOptions.safeParse({ mode: 'client', profile: 'freeswitch', connect: { url: 'ws://pbx/' } }).success, false);
    assert.equal(websocketInputOptions.safeParse({ mode: 'client', profile: 'yeastar', connect: { url: 'http://pbx/' } }).success, false);
    assert.equal(websocketInputOptions.safeParse({ mode: 'server', listen: { port: 8443 }, token: 'short' }).success, false);
  });

  it('infer the mode when it is left out: connect or profile mean client mode, anything else server mode', () => {
    assert.deepEqual(websocketInputOptions.parse({ listen: { port: 8443 }, token: 'change-me' }), {
      mode: 'server', listen: { host: '127.0.0.1', port: 8443, path: '/pbx' }, token: 'change-me', maxMessageBytes: 65536, heartbeatSeconds: 30,
    });
    assert.equal((websocketInputOptions.parse({ profile: 'asterisk-ari', connect: { url: 'ws://pbx:8088/ari/events?app=a' } }) as { mode: string }).mode, 'client');
    const sketch = websocketInputOptions.safeParse({ path: '/pbx', token: 'change-me' });
    assert.equal(sketch.success, false, 'the plugin listens on its own port, so listen.port is required');
  });
});

describe('websocket-input client mode, asterisk-ari profile, against a WebSocket server standing in for Asterisk', function () {
  let asterisk: PbxStandIn;
  let host: TestHost;
  /** The host to close after the test (unset once closed). */
  let running: TestHost | undefined;

  beforeEach(async () => {
    // Asterisk answers 401 to an /ari/events upgrade without the app and a valid api_key.
    asterisk = await PbxStandIn.start('/ari/events', (url) => url.searchParams.get('app') !== null && url.searchParams.get('api_key') === 'callwire:s3cret');
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    await asterisk.close();
  });

  const start = async (options: Record<string, unknown> = {}) => {
    running = host = await startInput({
      mode: 'client', profile: 'asterisk-ari', connect: { url: asterisk.url('app=voice_agent_app&api_key=callwire:s3cret') }, ...FAST, ...options,
    });
    await asterisk.waitForConnection();
  };

  it('reads the fixture\'s StasisStart, ChannelStateChange and ChannelDestroyed: a call on the channel\'s endpoint, recorded from start to end', async () => {
    await start();
    const [stasisStart, stateChange, destroyed] = samples().filter((s) => typeof s['type'] === 'string');
    assert.deepEqual([stasisStart!['type'], stateChange!['type'], destroyed!['type']], ['StasisStart', 'ChannelStateChange', 'ChannelDestroyed']);

    asterisk.send(stasisStart!);
    await eventSeen(host, 'RECORDINGSTARTED 1001 channel-12345');
    const status = await deviceStatus(host, '1001');
    assert.deepEqual(['CALLINSTANCE', 'ANI', 'DNIS', 'CALLDIRECTION'].map((n) => status?.[n]), ['channel-12345', '+919876543210', '1000', 'O']);

    asterisk.send(stateChange!);
    asterisk.send(destroyed!);
    await eventSeen(host, 'RECORDINGUPDATE 1001 channel-12345');
    assert.deepEqual(eventNames(host), ['CALLSTART 1001 channel-12345', 'RECORDINGSTARTED 1001 channel-12345', ...STOPPED('1001', 'channel-12345')]);
    const [row] = await host.recordings('1001');
    assert.deepEqual([row?.state, row?.ani, row?.dnis, row?.calldirection], ['complete', '+919876543210', '1000', 'O']);
  });

  it('starts a channel being rung when it is answered, follows hold, maps endpoints through devices, and ignores the unmapped with ignoreUnmapped', async () => {
    await start({ devices: { 'PJSIP/2001': '7001' }, ignoreUnmapped: true });
    const phone = { id: '1700000000.20', name: 'PJSIP/2001-00000020', caller: '6145551212', exten: '2001' };
    asterisk.send(ari('StasisStart', { id: '1700000000.19', name: 'PJSIP/trunk-0000001f', state: 'Ring', caller: '6145551212', exten: '2001' }));
    asterisk.send(ari('StasisStart', { ...phone, state: 'Ringing' }));
    asterisk.send(ari('ChannelStateChange', { ...phone, state: 'Up' }));
    await eventSeen(host, 'RECORDINGSTARTED 7001 1700000000.20');
    assert.deepEqual(eventNames(host), ['CALLSTART 7001 1700000000.20', 'RECORDINGSTARTED 7001 1700000000.20'], 'the trunk channel is not a followed device');
    assert.equal((await deviceStatus(host, '7001'))?.['CALLDIRECTION'], 'I');

    asterisk.send(ari('ChannelHold', { ...phone, state: 'Up' }));
    await waitFor(() => host.callState('7001', phone.id) === 'held', 'held');
    asterisk.send(ari('ChannelUnhold', { ...phone, state: 'Up' }));
    await waitFor(() => host.callState('7001', phone.id) === 'connected', 'connected again');
    asterisk.send(ari('StasisEnd', { ...phone, state: 'Up' }));
    await eventSeen(host, 'RECORDINGUPDATE 7001 1700000000.20');
  });

  it('skips bad JSON and event types it does not follow without losing the connection; pings; reconnects after Asterisk drops it', async () => {
    await start(PINGING);
    asterisk.send('this is not JSON');
    asterisk.send('[1,2,3]');
    asterisk.send({ type: 'ChannelDtmfReceived', digit: '5', channel: { id: 'c1', name: 'PJSIP/1001-00000001', state: 'Up' } });
    asterisk.send({ type: 'ApplicationReplaced' });
    asterisk.send(ari('StasisStart', { id: 'c2', name: 'PJSIP/1002-00000002', state: 'Up' }));
    await eventSeen(host, 'CALLSTART 1002 c2');
    assert.deepEqual(eventNames(host).filter((e) => e.startsWith('CALL')), ['CALLSTART 1002 c2']);
    await waitFor(() => asterisk.pings >= 2, 'two pings');
    assert.equal(asterisk.connections, 1, 'the connection was kept');

    asterisk.drop();
    await asterisk.waitForConnection(2);
    asterisk.send(ari('ChannelDestroyed', { id: 'c2', name: 'PJSIP/1002-00000002', state: 'Up' }));
    await eventSeen(host, 'CALLSTOP 1002 c2');
  });

  it('keeps retrying, with backoff, when Asterisk refuses the credentials', async () => {
    running = host = await startInput({ mode: 'client', profile: 'asterisk-ari', connect: { url: asterisk.url('app=callwire&api_key=callwire:wrong') }, ...FAST });
    await waitFor(() => asterisk.refused >= 3, 'three refused attempts');
    assert.equal(asterisk.connections, 0);
  });
});

describe('websocket-input client mode, yeastar profile, against a WebSocket server standing in for a Yeastar P-Series', function () {
  let yeastar: PbxStandIn;
  let host: TestHost;
  /** The host to close after the test (unset once closed). */
  let running: TestHost | undefined;

  beforeEach(async () => {
    yeastar = await PbxStandIn.start(
      '/openapi/v1.0/subscribe',
      (url) => url.searchParams.get('access_token') === 'QJZDwxIAXBoVrUme',
      (text) => (text === 'heartbeat' ? 'heartbeat response' : text.startsWith('{"topic_list"') ? JSON.stringify({ errcode: 0, errmsg: 'SUCCESS' }) : undefined),
    );
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    await yeastar.close();
  });

  const start = async (options: Record<string, unknown> = {}) => {
    running = host = await startInput({ mode: 'client', profile: 'yeastar', connect: { url: yeastar.url('access_token=QJZDwxIAXBoVrUme') }, ...FAST, ...options });
    await yeastar.waitForConnection();
  };

  it('subscribes to its topics, sends the heartbeat text, and reads the fixture\'s double-encoded 30011: ringing waits, answer starts, hold, BYE stops', async () => {
    await start(PINGING);
    await waitFor(() => yeastar.received.length > 0, 'the subscription');
    assert.equal(yeastar.received[0]!.text, '{"topic_list":[30011,30008]}');
    await waitFor(() => yeastar.received.filter((r) => r.text === 'heartbeat').length >= 2, 'two heartbeats');

    const [ringing] = samples().filter((s) => s['type'] === 30011);
    assert.equal(typeof ringing!['msg'], 'string', 'the fixture\'s msg is a JSON string');
    yeastar.send(ringing!);
    const inbound = { inbound: { from: '5503301', to: '6200', trunk_name: 'SIP-Trunk1', channel_id: 'PJSIP/trunk-0000001e', member_status: 'ANSWERED', call_path: '' } };
    yeastar.send(callStatus('1672991334.110', [inbound, extension('1001', 'ANSWER')]));
    await eventSeen(host, 'RECORDINGSTARTED 1001 1672991334.110');
    assert.deepEqual(eventNames(host), ['CALLSTART 1001 1672991334.110', 'RECORDINGSTARTED 1001 1672991334.110'], 'RING did not start the call; ANSWER did');
    const status = await deviceStatus(host, '1001');
    assert.deepEqual(['ANI', 'DNIS', 'CALLDIRECTION', 'CALLID'].map((n) => status?.[n]), ['5503301', '6200', 'I', '1672991334.110']);

    yeastar.send(callStatus('1672991334.110', [inbound, extension('1001', 'HOLD')]));
    await waitFor(() => host.callState('1001', '1672991334.110') === 'held', 'held');
    yeastar.send(callStatus('1672991334.110', [inbound, extension('1001', 'ANSWER')]));
    await waitFor(() => host.callState('1001', '1672991334.110') === 'connected', 'connected again');
    yeastar.send(callStatus('1672991334.110', [inbound, extension('1001', 'BYE')]));
    await eventSeen(host, 'RECORDINGUPDATE 1001 1672991334.110');
    assert.equal((await host.recordings('1001'))[0]?.state, 'complete');
  });

  it('an internal call is a call on both extensions; 30008 Ringing changes nothing; 30008 Idle ends a call whose BYE was lost', async () => {
    await start();
    yeastar.send(callStatus('1700.7', [extension('2001', 'ALERT'), extension('2002', 'RING')]));
    await eventSeen(host, 'CALLSTART 2001 1700.7');
    const [extensionRinging] = samples().filter((s) => s['type'] === 30008);
    yeastar.send(extensionRinging!);
    yeastar.send(callStatus('1700.7', [extension('2001', 'ANSWERED'), extension('2002', 'ANSWER')]));
    await eventSeen(host, 'RECORDINGSTARTED 2002 1700.7');
    const at2002 = await deviceStatus(host, '2002');
    assert.deepEqual(['ANI', 'DNIS', 'CALLDIRECTION'].map((n) => at2002?.[n]), ['2001', '2002', 'I']);
    assert.equal((await deviceStatus(host, '2001'))?.['CALLDIRECTION'], 'O');

    yeastar.send({ type: 30008, sn: '3631A2124XXX', msg: JSON.stringify({ extension: '2002', status: 'Idle' }) });
    await eventSeen(host, 'CALLSTOP 2002 1700.7');
    assert.equal(host.callState('2001', '1700.7'), 'connected', 'only the idle extension\'s call ended');
    assert.deepEqual(eventNames(host).filter((e) => e.startsWith('CALL')), ['CALLSTART 2001 1700.7', 'CALLSTART 2002 1700.7', 'CALLSTOP 2002 1700.7']);
  });

  it('with startOnRing, a ringing extension starts at once, so a missed call is a short call', async () => {
    await start({ startOnRing: true });
    yeastar.send(callStatus('1800.1', [{ inbound: { from: '5550000', to: '6200', member_status: 'ALERT' } }, extension('1003', 'RING')]));
    await eventSeen(host, 'CALLSTART 1003 1800.1');
    yeastar.send(callStatus('1800.1', [{ inbound: { from: '5550000', to: '6200', member_status: 'BYE' } }, extension('1003', 'BYE')]));
    await eventSeen(host, 'CALLSTOP 1003 1800.1');
  });
});
