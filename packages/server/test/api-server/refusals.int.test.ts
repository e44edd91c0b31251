import assert from 'node:assert/strict';
import { tag, testRequest, XmlClient } from '../support/xml-client.js';
import { HalfOpenClient, openFds, startCallwire, waitUntil, type RunningCallwire } from './process-probe.js';

/**
 * Opens `count` refused connections from `localAddress`, `batch` at a time,
 * each a client that never closes its side (half-open): the server must close
 * them. Returns them, each having got its answer and the server's end.
 */
async function refusedClients(port: number, count: number, localAddress: string, batch = 50): Promise<HalfOpenClient[]> {
  const all: HalfOpenClient[] = [];
  for (let opened = 0; opened < count; opened += batch) {
    const some = await Promise.all(Array.from({ length: Math.min(batch, count - opened) }, () => HalfOpenClient.open(port, localAddress)));
    await Promise.all(some.map((c) => c.waitEnded()));
    all.push(...some);
  }
  return all;
}

const refusalLines = (callwire: RunningCallwire, remote: string) =>
  callwire.process.lines.filter((l) => String(l['msg']).startsWith('refusing API client') && l['remote'] === remote);

describe('refused XML API clients are closed at once, and logged once a minute per address (a real callwire process)', function () {
  this.timeout(120000);

  it('outside server.allow: each is answered 44 and closed by the server while the client keeps its side open; one log line per address, counts add up', async () => {
    const callwire = await startCallwire('server: { allow: [10.0.0.0/8] }\nplugins: []\n');
    let clients: HalfOpenClient[] = [];
    try {
      const before = openFds(callwire.pid);
      clients = [...(await refusedClients(callwire.api, 300, '127.0.0.1')), ...(await refusedClients(callwire.api, 60, '127.0.0.2'))];
      for (const client of clients) {
        assert.equal(tag(client.replies()[0]!, 'RESULTCODE'), '44');
        assert.equal(client.replies().length, 1);
      }
      // the clients hold their sockets; the server must not hold its ends of them
      await waitUntil(() => openFds(callwire.pid) <= before + 5, `the server to close its sockets (${openFds(callwire.pid)} fds open, ${before} before)`);
      // the log lines arrive over the process's stdout, maybe after the sockets closed
      await waitUntil(() => refusalLines(callwire, '127.0.0.1').length > 0 && refusalLines(callwire, '127.0.0.2').length > 0, 'a refusal line for each address');
      assert.deepEqual(refusalLines(callwire, '127.0.0.1').map((l) => l['refused']), [1], 'one line for 127.0.0.1 so far');
      assert.deepEqual(refusalLines(callwire, '127.0.0.2').map((l) => l['refused']), [1], 'one line for 127.0.0.2 so far');
      // a write to a socket the server has closed is reset: the client sees its connection close without closing it
      const probe = clients[0]!;
      await waitUntil(async () => {
        await probe.write(testRequest(1)).catch(() => undefined);
        return probe.closed;
      }, 'the refused client to see its connection closed');
    } finally {
      clients.forEach((c) => c.destroy());
      assert.equal(await callwire.stop(), 0);
    }
    // at stop, the refusals counted since each address's first line are written, so the counts add up
    const total = (remote: string) => refusalLines(callwire, remote).reduce((sum, l) => sum + Number(l['refused']), 0);
    assert.equal(total('127.0.0.1'), 300);
    assert.equal(total('127.0.0.2'), 60);
    assert.equal(refusalLines(callwire, '127.0.0.1').length, 2);
  });

  it('over maxClients: each is answered 48 and closed by the server; the clients already served are unaffected', async () => {
    const callwire = await startCallwire('server: { api: { maxClients: 2 } }\nplugins: []\n');
    const served = [await XmlClient.open(callwire.api), await XmlClient.open(callwire.api)];
    let clients: HalfOpenClient[] = [];
    try {
      await served[1]!.write(testRequest(0));
      await served[1]!.read();
      const before = openFds(callwire.pid);
      clients = await refusedClients(callwire.api, 200, '127.0.0.1');
      assert.ok(clients.every((c) => tag(c.replies()[0]!, 'RESULTCODE') === '48'));
      await waitUntil(() => openFds(callwire.pid) <= before + 5, `the server to close its sockets (${openFds(callwire.pid)} fds open, ${before} before)`);
      assert.equal(refusalLines(callwire, '127.0.0.1').length, 1);
      for (const [i, client] of served.entries()) {
        await client.write(testRequest(i + 1));
        assert.equal(tag((await client.read())[0]!, 'RESULTCODE'), '20');
      }
    } finally {
      clients.forEach((c) => c.destroy());
      served.forEach((c) => c.close());
      assert.equal(await callwire.stop(), 0);
    }
  });
});
