import { strict as assert } from 'node:assert';
import { ManualClock } from '@callwire/plugin-kit';
import { startSipServer, type SipResponse, type SipServer } from '../../src/sip/index.js';
import { fixtureMessages } from '../fixtures/siprec-fixtures.js';
import { RecordingHandler } from './recording-handler.js';
import { request, TcpPeer } from './sip-test-peer.js';

describe('sip over TCP (real sockets on 127.0.0.1)', () => {
  let clock: ManualClock;
  let handler: RecordingHandler;
  let server: SipServer;
  let port: number;
  const peers: TcpPeer[] = [];

  beforeEach(async () => {
    clock = new ManualClock();
    handler = new RecordingHandler();
    server = await startSipServer({ host: '127.0.0.1', port: 0, transports: ['udp', 'tcp'], handler, timers: clock });
    port = server.tcp!.address().port;
  });

  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.close();
    await server.close();
  });

  async function open(): Promise<TcpPeer> {
    const peer = await TcpPeer.open(port);
    peers.push(peer);
    return peer;
  }

  const tcpRequest = (peer: TcpPeer, method: string, callId: string, branch: string, more: Partial<Parameters<typeof request>[0]> = {}) =>
    request({ method, callId, branch, port: peer.port, transport: 'TCP', ...more });

  async function response(peer: TcpPeer): Promise<SipResponse> {
    const next = await peer.next();
    assert.notEqual(next, 'closed', 'the server closed the connection');
    return next as SipResponse;
  }

  it('answers an INVITE 100 then 200 on the connection, and retransmits the 200 until the ACK over TCP too (RFC 3261 §13.3.1.4)', async () => {
    const peer = await open();
    peer.send(tcpRequest(peer, 'INVITE', 'tcp-1', 'z9hG4bK-t1'));
    assert.equal((await response(peer)).status, 100);
    assert.equal((await response(peer)).status, 200);
    await clock.advance(500);
    const again = await response(peer);
    assert.deepEqual([again.status, again.headers.get('Call-ID')], [200, 'tcp-1'], 'the 200 again after T1');
    peer.send(tcpRequest(peer, 'ACK', 'tcp-1', 'z9hG4bK-t3', { toTag: 'srs-tag', cseqMethod: 'ACK' }));
    peer.send(tcpRequest(peer, 'OPTIONS', 'tcp-1-ping', 'z9hG4bK-t2'));
    assert.equal((await response(peer)).headers.get('CSeq'), '1 OPTIONS');
    await clock.advance(60_000);
    peer.send(tcpRequest(peer, 'OPTIONS', 'tcp-1-ping2', 'z9hG4bK-t4'));
    assert.equal((await response(peer)).headers.get('CSeq'), '1 OPTIONS', 'nothing more after the ACK');
    assert.equal(handler.acks.length, 1);
  });

  it('frames fixture messages sent back to back and split across writes', async () => {
    const peer = await open();
    const stream = Buffer.concat(fixtureMessages().filter((f) => f.name.endsWith('-bye.sip')).slice(0, 3).map((f) => f.bytes));
    const cut = Math.floor(stream.length / 3);
    peer.send(stream.subarray(0, cut));
    peer.send(stream.subarray(cut, 2 * cut));
    peer.send(Buffer.concat([stream.subarray(2 * cut), Buffer.from('\r\n\r\n')]));
    const answers = [await response(peer), await response(peer), await response(peer)];
    assert.deepEqual(answers.map((r) => r.status), [200, 200, 200]);
    assert.deepEqual(handler.requests.map((r) => r.method), ['BYE', 'BYE', 'BYE']);
    assert.equal(new Set(handler.requests.map((r) => r.headers.get('Call-ID'))).size, 3);
  });

  it('answers a garbage stream 400 and closes that connection, while another keeps being served', async () => {
    const good = await open();
    const bad = await open();
    bad.send('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const answer = await bad.next();
    assert.notEqual(answer, 'closed');
    assert.equal((answer as SipResponse).status, 400);
    assert.match((answer as SipResponse).reason, /not a SIP start line/);
    assert.equal(await bad.next(), 'closed');
    good.send(tcpRequest(good, 'OPTIONS', 'tcp-3', 'z9hG4bK-t5'));
    assert.equal((await response(good)).status, 200);
    const fresh = await open();
    fresh.send(tcpRequest(fresh, 'OPTIONS', 'tcp-3b', 'z9hG4bK-t6'));
    assert.equal((await response(fresh)).status, 200);
  });

  it('answers a message without Content-Length with a proper 400 and closes the connection', async () => {
    const peer = await open();
    peer.send(tcpRequest(peer, 'OPTIONS', 'tcp-4', 'z9hG4bK-t7').replace('Content-Length: 0\r\n', ''));
    const answer = await response(peer);
    assert.equal(answer.status, 400);
    assert.equal(answer.headers.get('Call-ID'), 'tcp-4');
    assert.match(answer.reason, /without Content-Length/);
    assert.equal(await peer.next(), 'closed');
  });
});
