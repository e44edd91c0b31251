import { strict as assert } from 'node:assert';
import { ManualClock } from '@callwire/plugin-kit';
import { buildResponse, startSipServer, type SipServer } from '../../src/sip/index.js';
import { RecordingHandler } from './recording-handler.js';
import { request, UdpPeer } from './sip-test-peer.js';

describe('sip over UDP (real sockets on 127.0.0.1)', () => {
  let clock: ManualClock;
  let handler: RecordingHandler;
  let server: SipServer;
  let peer: UdpPeer;
  let port: number;
  let branches = 0;

  beforeEach(async () => {
    clock = new ManualClock();
    handler = new RecordingHandler();
    server = await startSipServer({ host: '127.0.0.1', port: 0, transports: ['udp'], handler, timers: clock });
    port = server.udp!.address().port;
    peer = await UdpPeer.open();
  });

  afterEach(async () => {
    peer.close();
    await server.close();
  });

  const send = (method: string, callId: string, more: Partial<Parameters<typeof request>[0]> = {}) => {
    const branch = more.branch ?? `z9hG4bK-test-${++branches}`;
    peer.send(request({ method, callId, branch, port: peer.port, ...more }), port);
    return branch;
  };

  /** An OPTIONS round trip: whatever the server sent before its answer has arrived before it. */
  async function barrier(): Promise<void> {
    send('OPTIONS', `barrier-${branches}`);
    const response = await peer.next();
    assert.equal(response.headers.get('CSeq'), '1 OPTIONS', `expected the barrier's 200, got ${response.status} for ${response.headers.get('CSeq')}`);
  }

  it('answers an INVITE 100 Trying at once, then the handler\'s 200, sent to the Via rport', async () => {
    send('INVITE', 'call-1');
    const trying = await peer.next();
    assert.equal(trying.status, 100);
    assert.equal(trying.headers.get('To'), '<sip:srs@127.0.0.1>');
    const ok = await peer.next();
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('To'), '<sip:srs@127.0.0.1>;tag=srs-tag');
    assert.match(ok.headers.get('Via')!, new RegExp(`;rport=${peer.port}`));
    assert.equal(ok.headers.get('Call-ID'), 'call-1');
    assert.equal(ok.headers.get('CSeq'), '1 INVITE');
    assert.equal(ok.headers.get('Content-Type'), 'application/sdp');
    assert.match(ok.body.toString(), /a=recvonly/);
    assert.equal(handler.requests.length, 1);
  });

  it('retransmits the 200 on Timer G (T1 doubling to T2) until the ACK, which goes to the dialog layer', async () => {
    send('INVITE', 'call-2');
    assert.equal((await peer.next()).status, 100);
    assert.equal((await peer.next()).status, 200);
    for (const interval of [500, 1000, 2000, 4000, 4000]) {
      await clock.advance(interval - 1);
      await barrier();
      await clock.advance(1);
      const again = await peer.next();
      assert.equal(again.status, 200, `retransmission after ${interval} ms`);
      assert.equal(again.headers.get('Call-ID'), 'call-2');
    }
    send('ACK', 'call-2', { toTag: 'srs-tag', cseqMethod: 'ACK' });
    await barrier();
    await clock.advance(60_000);
    await barrier();
    assert.equal(peer.queued, 0);
    assert.equal(handler.acks.length, 1);
    assert.equal(handler.acks[0]!.headers.get('Call-ID'), 'call-2');
    assert.equal(handler.ackTimeouts.length, 0);
  });

  it('gives up on Timer H (64*T1) when no ACK comes, and tells the handler', async () => {
    send('INVITE', 'call-3');
    assert.equal((await peer.next()).status, 100);
    assert.equal((await peer.next()).status, 200);
    await clock.advance(32_000);
    // G fires at 0.5, 1.5, 3.5, 7.5, 11.5, ... 31.5 s: ten retransmissions before H.
    for (let i = 0; i < 10; i++) assert.equal((await peer.next()).status, 200);
    await barrier();
    assert.equal(handler.ackTimeouts.length, 1);
    await clock.advance(60_000);
    await barrier();
    assert.equal(peer.queued, 0);
  });

  it('re-sends the last response to a retransmitted INVITE without calling the handler again', async () => {
    const branch = send('INVITE', 'hold-4');
    assert.equal((await peer.next()).status, 100);
    send('INVITE', 'hold-4', { branch });
    assert.equal((await peer.next()).status, 100);
    handler.pending[0]!(buildResponse(handler.requests[0]!, 486, { toTag: 'busy' }));
    assert.equal((await peer.next()).status, 486);
    send('INVITE', 'hold-4', { branch });
    assert.equal((await peer.next()).status, 486);
    assert.equal(handler.requests.length, 1);
    send('ACK', 'hold-4', { branch, toTag: 'busy', cseqMethod: 'ACK' });
    await barrier();
    await clock.advance(60_000);
    await barrier();
    assert.equal(peer.queued, 0, 'the ACK stopped the 486 retransmissions');
    assert.equal(handler.acks.length, 0, 'the ACK of a non-2xx stays in the transaction');
  });

  it('matches an RFC 2543 request (no magic cookie) to its transaction', async () => {
    send('INVITE', 'call-5', { branch: 'old-style-1' });
    assert.equal((await peer.next()).status, 100);
    assert.equal((await peer.next()).status, 200);
    send('INVITE', 'call-5', { branch: 'old-style-1' });
    assert.equal((await peer.next()).status, 200);
    assert.equal(handler.requests.length, 1);
  });

  it('answers CANCEL 200 and the pending INVITE 487', async () => {
    const branch = send('INVITE', 'hold-6');
    assert.equal((await peer.next()).status, 100);
    send('CANCEL', 'hold-6', { branch });
    const answers = [await peer.next(), await peer.next()].map((r) => `${r.status} ${r.headers.get('CSeq')}`).sort();
    assert.deepEqual(answers, ['200 1 CANCEL', '487 1 INVITE']);
    assert.equal(handler.cancelled.length, 1);
    handler.pending[0]!(buildResponse(handler.requests[0]!, 200, { toTag: 'late' }));
    send('CANCEL', 'hold-6', { branch });
    assert.equal((await peer.next()).status, 200, 'a retransmitted CANCEL is answered from its transaction');
    await barrier();
    assert.equal(peer.queued, 0, 'the late 200 was not sent');
  });

  it('gives a re-INVITE, UPDATE and INFO in the dialog to the handler', async () => {
    for (const [method, cseq] of [['INVITE', 2], ['UPDATE', 3], ['INFO', 4]] as const) {
      send(method, 'dialog-11', { toTag: 'srs-tag', cseq });
      if (method === 'INVITE') assert.equal((await peer.next()).status, 100);
      const ok = await peer.next();
      assert.equal(`${ok.status} ${ok.headers.get('CSeq')}`, `200 ${cseq} ${method}`);
      assert.equal(ok.headers.get('To'), '<sip:srs@127.0.0.1>;tag=srs-tag');
    }
    assert.deepEqual(handler.requests.map((r) => r.method), ['INVITE', 'UPDATE', 'INFO']);
  });

  it('answers a CANCEL that matches nothing 481', async () => {
    send('CANCEL', 'nothing-7');
    assert.equal((await peer.next()).status, 481);
  });

  it('answers OPTIONS 200 itself, unknown methods 501, and a handler that throws 500', async () => {
    send('OPTIONS', 'ping-8');
    const ok = await peer.next();
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('Allow')!, /INVITE/);
    assert.match(ok.headers.get('To')!, /;tag=/);
    send('SUBSCRIBE', 'sub-8');
    assert.equal((await peer.next()).status, 501);
    send('BYE', 'throw-8', { toTag: 'x' });
    assert.equal((await peer.next()).status, 500);
    assert.deepEqual(handler.requests.map((r) => r.method), ['BYE']);
  });

  it('answers non-INVITE retransmissions from the cache until Timer J', async () => {
    const branch = send('BYE', 'bye-9', { toTag: 'srs-tag' });
    assert.equal((await peer.next()).status, 200);
    await clock.advance(31_999);
    send('BYE', 'bye-9', { toTag: 'srs-tag', branch });
    assert.equal((await peer.next()).status, 200);
    assert.equal(handler.requests.length, 1);
    await clock.advance(1);
    send('BYE', 'bye-9', { toTag: 'srs-tag', branch });
    assert.equal((await peer.next()).status, 200);
    assert.equal(handler.requests.length, 2, 'after Timer J the same request is a new transaction');
  });

  it('answers an unparsable request 400 when its headers allow it, drops it otherwise, and keeps serving', async () => {
    peer.send(request({ method: 'INVITE', callId: 'bad-10', branch: 'z9hG4bK-bad', port: peer.port }).replace('CSeq: 1 INVITE', 'CSeq: x INVITE'), port);
    const bad = await peer.next();
    assert.equal(bad.status, 400);
    assert.match(bad.reason, /bad CSeq "x INVITE"/);
    assert.equal(bad.headers.get('Call-ID'), 'bad-10');
    peer.send('this is not SIP at all\r\n\r\n', port);
    peer.send(Buffer.from([0, 1, 2, 3, 255]), port);
    await barrier();
    assert.equal(peer.queued, 0);
    assert.equal(handler.requests.length, 0);
  });
});
