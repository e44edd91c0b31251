import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startApiServer } from '../support/api-server-fixture.js';
import { tag, testRequest, XmlClient } from '../support/xml-client.js';
import { peakRssMiB, rssMiB, startCallwire, waitUntil, type RunningCallwire } from './process-probe.js';
import { apiOk, type ApiCommand } from '@callwire/core';

const manyChannels = fileURLToPath(new URL('../../../test/fixtures/plugins/many-channels-recorder.mjs', import.meta.url));
const CHANNELS = 4000;
const CALLS = 1000;
/**
 * The server's JavaScript heap is capped well below what these clients ask
 * for (hundreds of MB of replies): it only gets through if what it holds for
 * a client that does not read is bounded (here by maxReplyBacklogBytes, 1 MiB,
 * plus the one reply being written). (Resident memory is also checked
 * while the clients are held; once they read, garbage is collected lazily,
 * so the cap is the bound that means something.)
 */
const HEAP_CAP_MB = 192;

/**
 * A client that writes its requests and reads nothing until told to; then
 * checks each reply as it comes (REQUESTID in order, COUNT) without keeping
 * them.
 */
class NonReader {
  received = 0;
  private pending = '';
  private failure: Error | undefined;
  closed = false;

  private constructor(
    readonly socket: Socket,
    private readonly expectedCount: string,
  ) {
    socket.pause();
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.take(chunk));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }

  static open(port: number, expectedCount: string): Promise<NonReader> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => resolve(new NonReader(socket, expectedCount)));
      socket.once('error', reject);
    });
  }

  write(text: string): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(text, (err) => (err ? reject(err) : resolve())));
  }

  /** Starts reading; resolves once `count` replies have arrived, each checked. */
  async readAll(count: number, timeoutMs = 120000): Promise<void> {
    this.socket.resume();
    await waitUntil(() => this.received >= count || this.failure !== undefined || this.closed, `${count} replies`, timeoutMs);
    if (this.failure) throw this.failure;
    assert.equal(this.received, count, `${this.received} replies before the connection closed`);
  }

  private take(chunk: string): void {
    this.pending += chunk;
    let end: number;
    while ((end = this.pending.indexOf('\r\n')) !== -1) {
      const head = this.pending.slice(0, 400);
      this.pending = this.pending.slice(end + 2);
      const id = tag(head, 'REQUESTID');
      if (id !== String(this.received)) this.failure ??= new Error(`reply ${this.received} has REQUESTID ${id}`);
      if (tag(head, 'COUNT') !== this.expectedCount) this.failure ??= new Error(`reply ${this.received}: ${head}`);
      this.received++;
    }
  }
}

describe('XML API clients that do not read their replies (a real callwire process)', function () {
  this.timeout(240000);
  let callwire: RunningCallwire;
  let startRss: number;
  const notReading = (from: number) =>
    new Set(callwire.process.lines.slice(from).filter((l) => String(l['msg']).startsWith('API client is not reading its replies')).map((l) => l['session']));

  before(async () => {
    callwire = await startCallwire([
      'log: { level: debug }',
      'server: { api: { maxReplyBacklogBytes: 1048576, replyStallSeconds: 0 } }',
      `plugins:\n  - use: ${manyChannels}\n    options: { coreIdent: 1, channels: ${CHANNELS} }`,
    ].join('\n'), { NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}` });
    const db = new Database(join(callwire.dir, 'callwire.db'));
    const insert = db.prepare(
      "insert into recordings (device_id, ani, dnis, sgroup, user1, user2, user3, recording_time, start_time, stop_time, duration, state) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 60, 'complete')",
    );
    const long = 'x'.repeat(200);
    db.transaction(() => {
      for (let i = 0; i < CALLS; i++) insert.run(String(7000 + i), '6145551212', '8005551212', 'Sales', long, long, long, 1.7e12 + i * 1000, 1.7e12 + i * 1000, 1.7e12 + i * 1000 + 60000);
    })();
    db.close();
    startRss = rssMiB(callwire.pid);
  });
  after(async () => assert.equal(await callwire.stop(), 0, `the server exited cleanly: ${callwire.process.stderr.slice(-2000)}`));

  /** Sends TEST from another client until `done`, each answered (the loop is never held). */
  async function servedUntil(done: () => boolean): Promise<number> {
    const bystander = await XmlClient.open(callwire.api);
    try {
      let answered = 0;
      do {
        await bystander.write(testRequest(answered));
        const [reply] = await bystander.read(1, 15000);
        assert.equal(tag(reply!, 'REQUESTID'), String(answered));
        answered++;
      } while (!done() || answered < 3);
      return answered;
    } finally {
      bystander.close();
    }
  }

  it(`one client pipelining 100 CALLLISTs of ${CALLS} calls (about 130 MB of replies) without reading: held at the backlog limit, others served; then it gets every reply, in order`, async () => {
    const from = callwire.process.lines.length;
    const attacker = await NonReader.open(callwire.api, String(CALLS));
    try {
      let requests = '';
      for (let i = 0; i < 100; i++) requests += `<REQUEST><TYPE>CALLLIST</TYPE><REQUESTID>${i}</REQUESTID><CALLCOUNT>${CALLS}</CALLCOUNT></REQUEST>\r\n`;
      await attacker.write(requests);
      await servedUntil(() => notReading(from).size === 1);
      const held = peakRssMiB(callwire.pid);
      assert.ok(held < startRss + 128, `peak resident memory ${held.toFixed(0)} MiB while it does not read, from ${startRss.toFixed(0)} MiB`);
      await attacker.readAll(100);
    } finally {
      attacker.socket.destroy();
    }
  });

  it(`20 clients pipelining 20 CHANNELS of ${CHANNELS} channels each (about 400 MB of replies) without reading: each held at the limit, others served; then each gets every reply`, async () => {
    const from = callwire.process.lines.length;
    const attackers = await Promise.all(Array.from({ length: 20 }, () => NonReader.open(callwire.api, String(CHANNELS))));
    try {
      let requests = '';
      for (let i = 0; i < 20; i++) requests += `<REQUEST><TYPE>CHANNELS</TYPE><REQUESTID>${i}</REQUESTID></REQUEST>\r\n`;
      await Promise.all(attackers.map((a) => a.write(requests)));
      await servedUntil(() => notReading(from).size === 20);
      const held = peakRssMiB(callwire.pid);
      assert.ok(held < startRss + 256, `peak resident memory ${held.toFixed(0)} MiB while 20 clients do not read, from ${startRss.toFixed(0)} MiB`);
      await Promise.all(attackers.map((a) => a.readAll(20)));
    } finally {
      attackers.forEach((a) => a.socket.destroy());
    }
  });
});

/** A function answering a large body, to make replies that do not fit a socket's buffers. */
class BigReply implements ApiCommand {
  readonly type = 'BIGREPLY';
  handle() {
    return apiOk(undefined, { COUNT: 2000, ROW: Array.from({ length: 2000 }, (_, i) => ({ N: i, TEXT: 'y'.repeat(500) })) });
  }
}

describe('XML API client that stays blocked on its replies (real sockets)', () => {
  it('is dropped once it has read none of them for replyStallSeconds; a client that reads is not', async () => {
    const { server, port } = await startApiServer({ maxReplyBacklogBytes: 65536, replyStallSeconds: 1 }, [new BigReply()]);
    const stuck = await NonReader.open(port, '2000');
    const reader = await XmlClient.open(port);
    try {
      const requests = (count: number) => Array.from({ length: count }, (_, i) => `<REQUEST><TYPE>BIGREPLY</TYPE><REQUESTID>${i}</REQUESTID></REQUEST>\r\n`).join('');
      await stuck.write(requests(20));
      await reader.write(requests(5));
      const replies = await reader.read(5, 15000);
      assert.ok(replies.every((r) => tag(r, 'COUNT') === '2000'));
      // the stuck client, not reading, cannot see its socket closed; the server's count can
      await waitUntil(() => server.clientCount === 1, 'the server to drop the client that does not read', 15000);
      assert.equal(reader.closed, false);
      await stuck.readAll(20).then(
        () => assert.fail('the dropped client got every reply'),
        () => undefined,
      );
      assert.ok(stuck.closed && stuck.received < 20, `the dropped client got ${stuck.received} replies, then the end`);
    } finally {
      stuck.socket.destroy();
      reader.close();
      await server.close();
    }
  });
});
