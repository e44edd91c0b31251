import { strict as assert } from 'node:assert';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { NgClient, NgError } from './ng-client.js';

/**
 * A UDP peer on 127.0.0.1 standing in for rtpengine where rtpengine cannot
 * be made to misbehave: it keeps every datagram and answers with the
 * datagrams `reply` returns (none: it stays silent).
 */
async function openPeer(reply: (datagram: Buffer, count: number) => Buffer[]): Promise<{ socket: Socket; received: Buffer[] }> {
  const socket = createSocket('udp4');
  const received: Buffer[] = [];
  socket.on('message', (datagram: Buffer, from: RemoteInfo) => {
    received.push(datagram);
    for (const answer of reply(datagram, received.length)) socket.send(answer, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, received };
}

const cookieOf = (datagram: Buffer): string => datagram.subarray(0, datagram.indexOf(0x20)).toString();

describe('the ng client over UDP', () => {
  let peer: { socket: Socket; received: Buffer[] };
  let client: NgClient | undefined;
  afterEach(() => {
    client?.close();
    peer.socket.close();
  });

  it('sends a lost request again with the same cookie, and takes the reply to the second attempt', async () => {
    peer = await openPeer((datagram, count) => (count === 1 ? [] : [Buffer.from(`${cookieOf(datagram)} d6:result4:ponge`)]));
    client = await NgClient.open({ host: '127.0.0.1', port: peer.socket.address().port }, { timeoutMs: 100, retries: 2 });
    await client.ping();
    assert.equal(peer.received.length, 2);
    assert.deepEqual(peer.received[1], peer.received[0], 'the retransmission is byte for byte the first datagram');
    assert.match(peer.received[0]!.toString(), /^\S+_1 d7:command4:pinge$/);
  });

  it('gives up after the retries with an NgError naming the command and the attempts', async () => {
    peer = await openPeer(() => []);
    client = await NgClient.open({ host: '127.0.0.1', port: peer.socket.address().port }, { timeoutMs: 50, retries: 1 });
    await assert.rejects(client.offer({ callId: 'c', fromTag: 't' }, 'v=0\r\n'), (err: unknown) => err instanceof NgError && /^rtpengine offer: no reply .* after 2 attempts of 50 ms$/.test(err.message));
    assert.equal(peer.received.length, 2);
  });

  it('ignores a reply with a stranger cookie, and turns an undecodable reply into an NgError', async () => {
    peer = await openPeer((datagram) => [Buffer.from('stranger_9 d6:result2:oke'), Buffer.from(`${cookieOf(datagram)} d6:result`)]);
    client = await NgClient.open({ host: '127.0.0.1', port: peer.socket.address().port }, { timeoutMs: 200, retries: 0 });
    await assert.rejects(client.request({ command: 'query', 'call-id': 'c' }), (err: unknown) => err instanceof NgError && /^rtpengine query: undecodable reply/.test(err.message));
  });
});
