import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { tapiOptions } from '../src/options.js';
import { callInfo, callState } from './support/bridge-messages.js';
import { BridgeStandIn, TcpBridgeStandIn, WebSocketBridgeStandIn } from './support/bridge-stand-in.js';
import { eventNames, type TestHost } from '@callwire/plugin-kit/testing';
import { startTapi } from './support/plugin-under-test.js';

const FAST_RECONNECT = { initialMs: 20, maxMs: 200 };

/** Sends one answered-and-ended call on a line; returns nothing, the test reads the events. */
async function answeredCall(bridge: BridgeStandIn, line: string, call: string, callerId = '6145551212'): Promise<void> {
  bridge.send(callInfo(line, call, { callId: 1, callerId, origin: 'EXTERNAL' }), callState(line, call, 'OFFERING'), callState(line, call, 'CONNECTED'));
  await bridge.sync();
}

describe('tapi options', function () {
  it('fills in the documented defaults and refuses a bridge that is neither { host, port } nor { url }', () => {
    const parsed = tapiOptions.parse({ bridge: { host: '10.0.0.6', port: 7100 } });
    assert.deepEqual(parsed, {
      bridge: { host: '10.0.0.6', port: 7100 }, lines: {}, unmappedLines: 'name', start: { inbound: 'connected', outbound: 'dialing' },
      heartbeatSeconds: 30, reconnect: { initialMs: 1000, maxMs: 30000 }, transferWindowSeconds: 120,
    });
    assert.equal(tapiOptions.safeParse({ bridge: { host: '10.0.0.6' } }).success, false);
    assert.equal(tapiOptions.safeParse({ bridge: { url: 'http://10.0.0.6/' } }).success, false);
    assert.equal(tapiOptions.safeParse({ bridge: { url: 'ws://10.0.0.6:7100/tapi' }, start: { inbound: 'ringing' } }).success, false);
    assert.equal(tapiOptions.safeParse({ bridge: { url: 'ws://10.0.0.6:7100/tapi' }, reconnect: { initialMs: 5000, maxMs: 100 } }).success, false);
  });
});

describe('the link to the TAPI bridge', function () {
  let host: TestHost | undefined;
  let bridge: BridgeStandIn | undefined;

  afterEach(async () => {
    await host?.close();
    await bridge?.close();
    host = undefined;
    bridge = undefined;
  });

  it('over WebSocket: greets the bridge with HELLO, follows calls, and pings it as a heartbeat', async () => {
    const ws = await WebSocketBridgeStandIn.start();
    bridge = ws;
    host = await startTapi({ bridge: ws.option, lines: { '1': '201' }, heartbeatSeconds: 0.2 });
    await ws.waitForConnection();
    assert.deepEqual(ws.received[0]!.message, { type: 'HELLO', client: 'callwire', protocol: 1 });
    await answeredCall(ws, '1', '0x1');
    bridge.send(callState('1', '0x1', 'DISCONNECTED'));
    await ws.sync();
    assert.deepEqual(eventNames(host, '201'), ['CALLSTART 201 0x1', 'RECORDINGSTARTED 201 0x1', 'CALLSTOP 201 0x1', 'RECORDINGSTOPPED 201 0x1', 'RECORDINGUPDATE 201 0x1']);
    await ws.until(() => ws.pings >= 2, 5000, 'two WebSocket pings');
    assert.equal(ws.connections, 1, 'a bridge that answers pings keeps its connection');
  });

  it('reconnects after the bridge drops the connection, keeps calls in progress, and ends those a HELLO no longer lists', async () => {
    const tcp = await TcpBridgeStandIn.start();
    bridge = tcp;
    host = await startTapi({ bridge: tcp.option, lines: { '1': '201', '2': '202' }, reconnect: FAST_RECONNECT });
    await tcp.waitForConnection();
    await answeredCall(tcp, '1', 'a1');
    await answeredCall(tcp, '2', 'b1');

    tcp.drop();
    await tcp.waitForConnection(2);
    assert.equal(host.callState('201', 'a1'), 'connected', 'a lost link does not end calls by itself');
    // The bridge lists what it still has: b1 ended while the link was down.
    tcp.send({ type: 'HELLO', bridge: 'stand-in', version: '1.0', calls: [{ line: 1, call: 'a1' }] });
    await tcp.sync();
    assert.equal(host.callState('201', 'a1'), 'connected');
    assert.equal(host.callState('202', 'b1'), undefined);
    assert.deepEqual(eventNames(host, '202').slice(-3), ['CALLSTOP 202 b1', 'RECORDINGSTOPPED 202 b1', 'RECORDINGUPDATE 202 b1']);

    tcp.send(callState('1', 'a1', 'DISCONNECTED'));
    await tcp.sync();
    assert.equal(host.callState('201', 'a1'), undefined, 'the call goes on being followed on the new connection');
  });

  it('keeps trying a bridge that is down when Callwire starts, and connects once it is up', async () => {
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));

    host = await startTapi({ bridge: { host: '127.0.0.1', port }, lines: { '1': '201' }, reconnect: FAST_RECONNECT });
    await host.waitFor(() => host!.logs.some((line) => /^cannot connect to the TAPI bridge /.test(String(line['msg']))), 'a refused attempt logged');
    const late = await TcpBridgeStandIn.start(port);
    bridge = late;
    await late.waitForConnection();
    await answeredCall(late, '1', 'x1');
    assert.deepEqual(eventNames(host, '201'), ['CALLSTART 201 x1', 'RECORDINGSTARTED 201 x1']);
  });

  it('over TCP: drops a bridge that stops answering PING, and reconnects', async () => {
    const tcp = await TcpBridgeStandIn.start();
    bridge = tcp;
    host = await startTapi({ bridge: tcp.option, heartbeatSeconds: 0.2, reconnect: FAST_RECONNECT });
    await tcp.waitForConnection();
    await tcp.until(() => tcp.received.filter((r) => r.message.type === 'PING').length >= 2, 5000, 'two PINGs');
    assert.equal(tcp.connections, 1, 'a bridge that answers PING keeps its connection');
    tcp.answerPings = false;
    await tcp.waitForConnection(2);
  });

  it('skips what it cannot read — bad JSON, an unknown state, an unknown message type, a message without its fields — and keeps the connection', async () => {
    const tcp = await TcpBridgeStandIn.start();
    bridge = tcp;
    host = await startTapi({ bridge: tcp.option, lines: { '1': '201' } });
    await tcp.waitForConnection();
    tcp.sendRaw('{"type":"LINE_CALLSTATE","line":1,');
    tcp.sendRaw('[1,2,3]');
    tcp.send(callState('1', 'z1', 'RINGING'), { type: 'LINE_DEVSTATE', line: 1, state: 'RINGING' }, { type: 'LINE_CALLSTATE', line: 1, state: 'CONNECTED' });
    await answeredCall(tcp, '1', 'z2');
    assert.deepEqual(eventNames(host, '201'), ['CALLSTART 201 z2', 'RECORDINGSTARTED 201 z2']);
    assert.equal(tcp.connections, 1);
  });

  it('names devices from the config by line id or line name, else by the bridge\'s line name or address', async () => {
    const tcp = await TcpBridgeStandIn.start();
    bridge = tcp;
    host = await startTapi({ bridge: tcp.option, lines: { '1': '201', 'Alice Desk': '301' } });
    await tcp.waitForConnection();
    tcp.send({
      type: 'HELLO', bridge: 'stand-in',
      lines: [{ line: 1, name: 'Reception' }, { line: 2, name: 'Alice Desk', address: '7002' }, { line: 3, name: '205', address: '7005' }],
    });
    await answeredCall(tcp, '1', 'm1');
    await answeredCall(tcp, '2', 'm2');
    await answeredCall(tcp, '3', 'm3');
    tcp.send({ type: 'LINE_CREATE', line: 4, name: '206' });
    await answeredCall(tcp, '4', 'm4');
    assert.deepEqual(
      eventNames(host).filter((e) => e.startsWith('CALLSTART')),
      ['CALLSTART 201 m1', 'CALLSTART 301 m2', 'CALLSTART 205 m3', 'CALLSTART 206 m4'],
    );
  });

  it('with unmappedLines = address, names an unmapped line by its dialable address; with ignore, does not follow it', async () => {
    const byAddress = await TcpBridgeStandIn.start();
    const ignoring = await TcpBridgeStandIn.start();
    bridge = byAddress;
    try {
      host = await startTapi(
        { bridge: byAddress.option, unmappedLines: 'address' },
        { bridge: ignoring.option, unmappedLines: 'ignore', lines: { '9': '999' } },
      );
      await byAddress.waitForConnection();
      await ignoring.waitForConnection();
      for (const stand of [byAddress, ignoring]) stand.send({ type: 'HELLO', lines: [{ line: 3, name: 'Front Desk', address: '7005' }] });
      await answeredCall(byAddress, '3', 'n1');
      await answeredCall(ignoring, '3', 'n2');
      await answeredCall(ignoring, '9', 'n3');
      assert.deepEqual(eventNames(host).filter((e) => e.startsWith('CALLSTART')), ['CALLSTART 7005 n1', 'CALLSTART 999 n3']);
    } finally {
      await ignoring.close();
    }
  });
});
