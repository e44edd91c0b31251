import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { AttemptEnding, ManualClock, ReconnectingLink, type LinkAttempt, type LinkConnection, type ReconnectingLinkOptions } from '../src/index.js';
import { CapturedLog } from './support/captured-log.js';

/** A connection the test holds, with the attempt that made it (to report `lost` or `heard` as the peer would). */
interface HeldConnection extends LinkConnection {
  readonly attempt: LinkAttempt;
  closed: boolean;
}

/**
 * The far end, in memory: refuses with `refusal` until told to accept.
 * What it does to each attempt is what a socket's events would do.
 */
class Peer {
  refusal: string | undefined = 'connect ECONNREFUSED 10.0.0.6:7100';
  attempts = 0;
  readonly opened: HeldConnection[] = [];

  readonly connect = (attempt: LinkAttempt): Promise<HeldConnection> => {
    this.attempts++;
    if (this.refusal !== undefined) return Promise.reject(new Error(this.refusal));
    const connection: HeldConnection = { attempt, closed: false, detail: ' (protocol 1)', close: () => void (connection.closed = true) };
    this.opened.push(connection);
    return Promise.resolve(connection);
  };

  get last(): HeldConnection {
    return this.opened.at(-1)!;
  }
}

describe('ReconnectingLink', () => {
  let clock: ManualClock;
  let log: CapturedLog;
  let stopping: AbortController;
  const PEER = 'the TAPI bridge 10.0.0.6:7100';

  const link = <C extends LinkConnection>(connect: ReconnectingLinkOptions<C>['connect'], more: Partial<ReconnectingLinkOptions<C>> = {}) =>
    new ReconnectingLink<C>({
      peer: PEER, connect, reconnect: { initialMs: 1000, maxMs: 8000, jitter: 0 }, context: { log, timers: clock, stopping: stopping.signal }, ...more,
    });

  beforeEach(() => {
    clock = new ManualClock(0);
    log = new CapturedLog();
    stopping = new AbortController();
  });

  it('waits 1, 2, 4, 8, 8 s between refused attempts, and logs the refusal once, not per attempt', async () => {
    const peer = new Peer();
    const l = link(peer.connect);
    l.start();
    await clock.advance(0);
    const attemptsAt: number[] = [clock.now()];
    for (let i = 0; i < 5; i++) {
      const before = peer.attempts;
      while (peer.attempts === before) await clock.advance(250);
      attemptsAt.push(clock.now());
    }
    assert.deepEqual(attemptsAt, [0, 1000, 3000, 7000, 15000, 23000]);
    assert.deepEqual(log.lines(), [
      `info connecting to ${PEER}`,
      `warn cannot connect to ${PEER} (connect ECONNREFUSED 10.0.0.6:7100); retrying in 1 s, backing off to every 8 s`,
    ]);
    await l.stop();
  });

  it('logs each change of state: connecting, cannot connect, connected, lost and why, a new reason, connected again', async () => {
    const peer = new Peer();
    let greeted = 0;
    const l = link(peer.connect, { up: () => void greeted++ });
    l.start();
    await clock.advance(3000);
    peer.refusal = undefined;
    await clock.advance(4000);
    assert.equal(l.connection, peer.last);
    peer.last.attempt.lost('the bridge closed the connection');
    peer.last.attempt.lost('a second report of the same loss');
    peer.refusal = 'no answer within 10 s';
    await clock.advance(1000 + 2000 + 4000);
    peer.refusal = undefined;
    await clock.advance(8000);
    assert.deepEqual(log.lines(), [
      `info connecting to ${PEER}`,
      `warn cannot connect to ${PEER} (connect ECONNREFUSED 10.0.0.6:7100); retrying in 1 s, backing off to every 8 s`,
      `info connected to ${PEER} (protocol 1)`,
      `warn lost ${PEER} (the bridge closed the connection); trying again in 1 s`,
      `warn cannot connect to ${PEER} (no answer within 10 s); retrying in 2 s, backing off to every 8 s`,
      `info connected to ${PEER} (protocol 1)`,
    ]);
    assert.deepEqual([l.connections, greeted, peer.opened.length], [2, 2, 2]);
    await l.stop();
    assert.equal(peer.last.closed, true);
  });

  it('stop() during a wait cancels it: no timer is left and nothing connects again', async () => {
    const peer = new Peer();
    const l = link(peer.connect);
    l.start();
    await clock.advance(0);
    assert.deepEqual([clock.pendingCount, l.state], [1, 'waiting'], 'the wait before the second attempt');
    await l.stop();
    assert.deepEqual([clock.pendingCount, l.state], [0, 'stopped']);
    await clock.advance(60_000);
    assert.equal(peer.attempts, 1);
    assert.deepEqual(log.lines('debug').at(-1), `debug stopped: ${PEER}`);
  });

  it('stop() during an attempt aborts it; a connection that opens anyway is closed before stop() resolves', async () => {
    let aborted = false;
    const abortable = link((attempt) => new Promise<LinkConnection>((_resolve, reject) => {
      attempt.signal.addEventListener('abort', () => {
        aborted = true;
        reject(new Error('aborted'));
      });
    }));
    abortable.start();
    await abortable.stop();
    assert.equal(aborted, true);
    assert.equal(clock.pendingCount, 0, 'an abandoned attempt is not retried');
    assert.ok(!log.lines().some((line) => line.startsWith('warn')), 'nor reported as a failure');

    let open: () => void = () => undefined;
    const closed: string[] = [];
    const stubborn = link(() => new Promise<LinkConnection>((resolve) => {
      open = () => resolve({ close: () => void closed.push('closed') });
    }));
    stubborn.start();
    const stopped = stubborn.stop().then(() => closed.push('stop resolved'));
    open();
    await stopped;
    assert.deepEqual(closed, ['closed', 'stop resolved']);
  });

  it('ends when the plugin is stopping: the connection is closed and no attempt follows', async () => {
    const peer = new Peer();
    peer.refusal = undefined;
    const l = link(peer.connect);
    l.start();
    await clock.advance(0);
    stopping.abort();
    await l.stop();
    assert.equal(peer.last.closed, true);
    peer.last.attempt.lost('closed by Callwire');
    await clock.advance(60_000);
    assert.equal(peer.attempts, 1);
    l.start();
    assert.equal(peer.attempts, 1, 'a stopping plugin does not start its link again');
  });

  it('never throws from a callback: a connect that throws at once is a failed attempt, a greeting that throws is logged', async () => {
    const thrower = link((): Promise<LinkConnection> => {
      throw new Error('EACCES: permission denied');
    });
    thrower.start();
    await clock.advance(0);
    assert.match(log.lines().at(-1)!, /^warn cannot connect to .* \(EACCES: permission denied\); retrying in 1 s/);
    await thrower.stop();

    const peer = new Peer();
    peer.refusal = undefined;
    const rude = link(peer.connect, { up: () => { throw new Error('HELLO could not be written'); } });
    rude.start();
    await clock.advance(0);
    assert.equal(rude.connection, peer.last, 'the connection stays up');
    assert.match(log.lines().at(-1)!, /^error .*greeting the new connection failed: HELLO could not be written$/);
    await rude.stop();
  });

  it("with resetBackoff 'heard', only a peer that talked starts the waits over", async () => {
    const peer = new Peer();
    peer.refusal = undefined;
    const l = link(peer.connect, { resetBackoff: 'heard' });
    l.start();
    await clock.advance(0);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      peer.last.attempt.lost('accepted, then closed at once');
      const from = clock.now();
      const before = peer.attempts;
      while (peer.attempts === before) await clock.advance(500);
      waits.push(clock.now() - from);
    }
    assert.deepEqual(waits, [1000, 2000, 4000]);
    peer.last.attempt.heard();
    peer.last.attempt.lost('closed after talking');
    await clock.advance(1000);
    assert.equal(peer.attempts, 5, 'back to the first wait');
    await l.stop();
  });

  it('keeps a real TCP connection up: reconnects after the server drops it', async () => {
    const accepted: Socket[] = [];
    const server = createServer((socket) => void accepted.push(socket)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const l = link((attempt) => new Promise<LinkConnection>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => resolve({ close: () => void socket.destroy() }));
      socket.once('error', reject);
      socket.once('close', () => attempt.lost('the server closed the connection'));
    }));
    try {
      l.start();
      await until(() => accepted.length === 1 && l.connection !== undefined);
      accepted[0]!.destroy();
      await until(() => clock.pendingCount === 1);
      await clock.advance(1000);
      await until(() => accepted.length === 2 && l.connection !== undefined);
      assert.deepEqual(log.lines().slice(1), [
        `info connected to ${PEER}`,
        `warn lost ${PEER} (the server closed the connection); trying again in 1 s`,
        `info connected to ${PEER}`,
      ]);
    } finally {
      await l.stop();
      server.close();
    }
  });
});

/** Waits (on real time) for what real sockets do. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('AttemptEnding', () => {
  const attemptOf = (signal: AbortSignal, lost: string[]): LinkAttempt => ({ signal, heard: () => undefined, lost: (reason) => void lost.push(reason) });

  it('rejects an attempt that ends before it is up, reports a loss after, and releases once', () => {
    const lost: string[] = [];
    const rejected: string[] = [];
    let released = 0;
    const before = new AttemptEnding(attemptOf(new AbortController().signal, lost), (err) => void rejected.push(err.message), () => void released++);
    before.end('connect ECONNREFUSED');
    before.end('closed');
    const after = new AttemptEnding(attemptOf(new AbortController().signal, lost), (err) => void rejected.push(err.message), () => void released++);
    after.opened();
    after.end('the peer closed the connection');
    after.end('closed');
    assert.deepEqual([rejected, lost, released, before.ended, after.ended], [['connect ECONNREFUSED'], ['the peer closed the connection'], 2, true, true]);
  });

  it("ends on the attempt's signal, even one aborted before it was made", () => {
    const rejected: string[] = [];
    const stopping = new AbortController();
    const pending = new AttemptEnding(attemptOf(stopping.signal, []), (err) => void rejected.push(err.message), () => undefined);
    stopping.abort();
    const late = new AttemptEnding(attemptOf(stopping.signal, []), (err) => void rejected.push(err.message), () => undefined);
    assert.deepEqual([rejected, pending.ended, late.ended], [['closed by Callwire', 'closed by Callwire'], true, true]);
  });
});
