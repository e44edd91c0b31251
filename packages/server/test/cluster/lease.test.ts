import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Kvm, type KV } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino, type Logger } from 'pino';
import { Lease, type LeaseOptions } from '../../src/cluster/lease.js';
import { NatsServer, natsServerAvailable } from '../support/nats-server.js';

const HOLDER = fileURLToPath(new URL('./fixtures/lease-holder.js', import.meta.url));
const KEY = 'engine';

/** Rejects when `promise` has not settled within `ms`. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function acquired(lease: Lease): Promise<void> {
  return new Promise((resolve) => lease.onAcquired(resolve));
}

function lost(lease: Lease): Promise<string> {
  return new Promise((resolve) => lease.onLost(resolve));
}

/** Resolves once the key's revision (read through `kv`) reaches `revision`, polling; a read that fails (NATS restarting) is retried. */
async function revisionReaches(kv: KV, revision: number): Promise<number> {
  for (;;) {
    const entry = await kv.get(KEY).catch(() => null);
    if (entry && entry.revision >= revision) return entry.revision;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves once the key has no value (aged out), polling. */
async function keyGone(kv: KV): Promise<void> {
  while (await kv.get(KEY)) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A logger whose messages a test can wait for. */
function watchedLog(): { log: Logger; logged: (text: string) => Promise<void> } {
  const messages: string[] = [];
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  const log = pino({ level: 'info' }, {
    write(line: string) {
      const message = (JSON.parse(line) as { msg: string }).msg;
      messages.push(message);
      for (const waiter of waiters.filter((w) => message.includes(w.text))) waiter.resolve();
    },
  });
  const logged = (text: string) => new Promise<void>((resolve) => {
    if (messages.some((message) => message.includes(text))) resolve();
    else waiters.push({ text, resolve });
  });
  return { log, logged };
}

describe('Lease: one holder at a time on a NATS KV key', function () {
  this.timeout(30_000);
  let nats: NatsServer;
  let bucketNumber = 0;
  let bucket: string;
  let connections: NatsConnection[] = [];
  let leases: Lease[] = [];
  let children: ChildProcess[] = [];
  const log = pino({ level: 'silent' });

  before(async function () {
    if (!natsServerAvailable()) return this.skip();
    nats = await NatsServer.start();
  });

  after(async () => {
    await nats?.stop();
  });

  beforeEach(() => {
    bucket = `lease-test-${++bucketNumber}`;
  });

  afterEach(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(leases.map((lease) => lease.release()));
    await Promise.all(connections.map((nc) => nc.close()));
    connections = [];
    leases = [];
    children = [];
  });

  async function node(): Promise<NatsConnection> {
    const nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    connections.push(nc);
    return nc;
  }

  async function lease(holder: string, options: Partial<LeaseOptions> = {}, logger: Logger = log): Promise<Lease> {
    const opened = await Lease.open(await node(), { bucket, key: KEY, holder, ttlMs: 1200, ...options }, logger);
    leases.push(opened);
    return opened;
  }

  async function reader(): Promise<KV> {
    return new Kvm(await node()).open(bucket);
  }

  /** A holder in another process; resolves when it prints that it holds the lease. */
  async function holderProcess(holder: string, ttlMs: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, [HOLDER, nats.url, bucket, KEY, holder, String(ttlMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let out = '';
    await within(15_000, `${holder} (process) taking the lease`, new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the holder process exited with ${code}: ${out}`)));
      child.stdout!.setEncoding('utf8').on('data', (text: string) => {
        out += text;
        if (out.includes('acquired\n')) resolve();
      });
    }));
    return child;
  }

  it('refuses a heartbeat that is not under half the ttl', async () => {
    const nc = await node();
    await assert.rejects(Lease.open(nc, { bucket, key: KEY, holder: 'a', ttlMs: 1200, heartbeatMs: 600 }, log), /heartbeatMs \(600\) must be above 0 and under half of ttlMs \(1200\)/);
    await assert.rejects(Lease.open(nc, { bucket, key: KEY, holder: 'a', ttlMs: 0 }, log), /ttlMs must be a positive number/);
  });

  it('creates the bucket with the ttl as max_age and history 1', async () => {
    await lease('a');
    const status = await (await reader()).status();
    assert.equal(status.ttl, 1200);
    assert.equal(status.history, 1);
    assert.equal(status.storage, 'file');
  });

  it('uses a bucket that exists with another max_age, warning with both values', async () => {
    await new Kvm(await node()).create(bucket, { ttl: 3000, history: 1 });
    const watched = watchedLog();
    await lease('a', {}, watched.log);
    await within(1_000, 'the warning', watched.logged(`the ${bucket} bucket exists with max_age 3000 ms, not 1200 ms; the engine lease uses 3000 ms`));
  });

  it('gives it to the first of two contenders; the other does not get it while the first heartbeats', async () => {
    const a = await lease('a');
    const b = await lease('b');
    let bAcquired = false;
    b.onAcquired(() => (bAcquired = true));
    a.start();
    await within(5_000, 'a taking the lease', acquired(a));
    b.start();
    const kv = await reader();
    const first = (await kv.get(KEY))!.revision;
    // Six heartbeats of a's (300 ms each) outlast the 1200 ms ttl: b's tries all met a live holder.
    await within(10_000, 'six heartbeats', revisionReaches(kv, first + 6));
    assert.equal(a.held, true);
    assert.equal(b.held, false);
    assert.equal(bAcquired, false);
    assert.equal(await b.holder(), 'a');
  });

  it('hands it over on release at once, not after the ttl', async () => {
    const a = await lease('a', { ttlMs: 20_000, heartbeatMs: 250 });
    const b = await lease('b', { ttlMs: 20_000, heartbeatMs: 250 });
    a.start();
    await within(5_000, 'a taking the lease', acquired(a));
    b.start();
    const bHolds = acquired(b);
    await a.release();
    assert.equal(a.held, false);
    await within(5_000, 'b taking the released lease (it would age out only after 20 s)', bHolds);
    assert.equal(await a.holder(), 'b');
    await a.release();
  });

  it('can be released unstarted, and twice', async () => {
    const a = await lease('a');
    await a.release();
    await a.release();
    a.start();
    assert.equal(a.held, false);
  });

  it('goes to a contender within the ttl and a heartbeat or two when its holder is killed', async () => {
    const child = await holderProcess('dead', 1200);
    const b = await lease('b');
    const bHolds = acquired(b);
    b.start();
    assert.equal(await b.holder(), 'dead');
    assert.equal(b.held, false);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await within(1200 + 2 * 300, 'b taking the lease of a killed holder', bHolds);
    assert.equal(await b.holder(), 'b');
  });

  it('is lost, once, when another node overwrites the key; the holder stops heartbeating', async () => {
    const a = await lease('a');
    let losses = 0;
    a.onLost(() => losses++);
    a.start();
    await within(5_000, 'a taking the lease', acquired(a));
    const kv = await reader();
    await kv.put(KEY, 'intruder');
    const reason = await within(2_000, 'a losing the lease', lost(a));
    assert.match(reason, /intruder wrote it/);
    assert.equal(a.held, false);
    // The intruder's write ages out only when nobody writes for the ttl: a has stopped, and said so once.
    await within(5_000, "the intruder's write ageing out", keyGone(kv));
    assert.equal(losses, 1);
  });

  it('is lost when no heartbeat succeeds for the ttl (NATS gone)', async () => {
    const a = await lease('a');
    a.start();
    await within(5_000, 'a taking the lease', acquired(a));
    const aLoses = lost(a);
    await nats.kill();
    try {
      const reason = await within(1200 + 2 * 300, 'a losing the lease', aLoses);
      assert.match(reason, /no heartbeat on the engine lease succeeded for 1200 ms/);
      assert.equal(a.held, false);
    } finally {
      await nats.restart();
    }
  });

  it('keeps its holder through a nats-server outage shorter than the ttl (heartbeats fail, then succeed)', async () => {
    const watched = watchedLog();
    const a = await lease('a', { ttlMs: 5000 }, watched.log);
    const b = await lease('b', { ttlMs: 5000 });
    let aLost: string | undefined;
    a.onLost((reason) => (aLost = reason));
    a.start();
    await within(5_000, 'a taking the lease', acquired(a));
    b.start();
    const kv = await reader();
    const before = (await kv.get(KEY))!.revision;
    await nats.kill();
    try {
      await within(5_000, 'a heartbeat failing', watched.logged('heartbeat on the engine lease failed'));
    } finally {
      await nats.restart();
    }
    await within(5_000, 'a heartbeat succeeding after the restart', watched.logged('heartbeats on the engine lease work again'));
    await within(15_000, 'two more heartbeats', revisionReaches(kv, before + 2));
    assert.equal(aLost, undefined);
    assert.equal(a.held, true);
    assert.equal(b.held, false);
    assert.equal(await b.holder(), 'a');
  });
});
