// cluster: the README's cluster on this machine — nats-server, PostgreSQL, a
// `callwire core` process (the null recorder) and API nodes as separate
// processes — measured with 1 API node and with 2, in the same run:
//   cluster-call-cycle: CALLSTART/CALLUPDATE/CALLSTOP cycles/s over 50
//     connections (all on the one node; 25 on each of two);
//   cluster-event-fanout: event messages/s delivered to 200 TCP subscribers
//     (all on the one node; 100 on each) while calls run.
// Each figure is the 2-node run, its baseline the 1-node run; the ratio says
// how far a second API node takes it. One engine node runs the call path in
// either shape, so call-cycle is not expected to grow; fan-out may.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { drive } from './support.mjs';

const PG_URL = process.env.CALLWIRE_TEST_PG_URL ?? 'postgres://callwire:callwire@127.0.0.1:5432/callwire_test';
const CLI = new URL('../packages/server/bin/callwire.js', import.meta.url).pathname;
const NULL_RECORDER = new URL('./null-recorder.mjs', import.meta.url).pathname;
const CONNECTIONS = 50;
const CYCLES = 4000;
const SUBSCRIBERS = 600;
const FANOUT_CALLS = 300;

export default async function cluster() {
  if (spawnSync('nats-server', ['--version']).status !== 0) return [{ name: 'cluster', error: 'nats-server is not installed' }];
  const one = await measure(1);
  const two = await measure(2);
  return [
    {
      name: 'cluster-call-cycle', figure: two.cycles, unit: `cycles/s on 2 API nodes (${CONNECTIONS / 2} connections each, PostgreSQL, a remote core)`,
      baseline: one.cycles, baselineUnit: 'cycles/s', baselineName: `1 API node, ${CONNECTIONS} connections`, ratio: two.cycles / one.cycles,
    },
    {
      name: 'cluster-event-fanout', figure: two.fanout, unit: `event messages/s to ${SUBSCRIBERS} TCP subscribers split over 2 API nodes`,
      baseline: one.fanout, baselineUnit: 'messages/s', baselineName: `1 API node, all ${SUBSCRIBERS} subscribers`, ratio: two.fanout / one.fanout,
    },
  ];
}

/** Both figures with `nodes` API nodes, on a fresh NATS and schema. */
async function measure(nodes) {
  const home = mkdtempSync(join(tmpdir(), 'callwire-bench-cluster-'));
  const schema = `bench_cluster_${nodes}_${process.pid}`;
  const db = new pg.Client({ connectionString: PG_URL });
  await db.connect();
  await db.query(`drop schema if exists ${schema} cascade`);
  await db.query(`create schema ${schema}`);
  const running = [];
  try {
    const nats = await startNats(join(home, 'nats'));
    running.push(nats);
    const storage = { driver: 'postgres', url: PG_URL, schema };
    const cluster = (node) => ({ nats: { servers: [`nats://127.0.0.1:${nats.port}`] }, node });
    const core = startCallwire('core', join(home, 'core'), { storage, cluster: cluster('core-1'), plugins: [{ use: NULL_RECORDER, options: { coreIdent: 1 } }] });
    running.push(core);
    await core.line((l) => String(l.msg).startsWith('Callwire core ready'));
    const api = [];
    for (let n = 1; n <= nodes; n++) {
      const node = startCallwire('start', join(home, `api-${n}`), { storage, cluster: cluster(`api-${n}`) });
      running.push(node);
      const ready = await node.line((l) => String(l.msg).startsWith('Callwire ready'));
      if (n === 1) {
        await node.line((l) => l.cluster === 'engine');
        await node.line((l) => String(l.msg).startsWith('recorder core 1 on core-1 joined'));
      }
      api.push(ready.api.port);
    }
    const cycles = await cycleRate(api);
    const fanout = await fanoutRate(api);
    return { cycles, fanout };
  } finally {
    for (const child of running.reverse()) await child.stop();
    await db.query(`drop schema if exists ${schema} cascade`);
    await db.end();
    rmSync(home, { recursive: true, force: true });
  }
}

/** Cycles/s with the connections split evenly over the nodes, all at once. */
async function cycleRate(ports) {
  const perNode = CYCLES / ports.length;
  const started = performance.now();
  await Promise.all(ports.map((port, n) => {
    const requests = [];
    for (let i = 0; i < perNode; i++) {
      const device = String(100000 + n * 10000 + Math.floor(i / (perNode / (CONNECTIONS / ports.length))) * 40 + (i % 40));
      requests.push(
        `<REQUEST><TYPE>CALLSTART</TYPE><REQUESTID>${i}</REQUESTID><DEVICEID>${device}</DEVICEID><ANI>6145551212</ANI></REQUEST>\r\n`,
        `<REQUEST><TYPE>CALLUPDATE</TYPE><REQUESTID>${i}</REQUESTID><DEVICEID>${device}</DEVICEID><USER1>Gold Level</USER1></REQUEST>\r\n`,
        `<REQUEST><TYPE>CALLSTOP</TYPE><REQUESTID>${i}</REQUESTID><DEVICEID>${device}</DEVICEID></REQUEST>\r\n`,
      );
    }
    return drive({ port, connections: CONNECTIONS / ports.length, depth: 3, total: perNode * 3, requests });
  }));
  return CYCLES / ((performance.now() - started) / 1000);
}

/** Event messages/s: subscribers split over the nodes, calls sent to the first (the engine node). */
async function fanoutRate(ports) {
  const subscribers = [];
  for (let i = 0; i < SUBSCRIBERS; i++) subscribers.push(await subscribe(ports[i % ports.length]));
  // each call: CALLSTART, RECORDINGSTARTED, CALLSTOP, RECORDINGSTOPPED, RECORDINGUPDATE
  const expected = FANOUT_CALLS * 5;
  const started = performance.now();
  const requests = [];
  for (let i = 0; i < FANOUT_CALLS; i++) {
    const device = String(300000 + i);
    requests.push(
      `<REQUEST><TYPE>CALLSTART</TYPE><REQUESTID>${i}</REQUESTID><DEVICEID>${device}</DEVICEID></REQUEST>\r\n`,
      `<REQUEST><TYPE>CALLSTOP</TYPE><REQUESTID>${i}</REQUESTID><DEVICEID>${device}</DEVICEID></REQUEST>\r\n`,
    );
  }
  await drive({ port: ports[0], connections: 10, depth: 2, total: FANOUT_CALLS * 2, requests });
  await Promise.all(subscribers.map((s) => s.received(expected)));
  const seconds = (performance.now() - started) / 1000;
  for (const s of subscribers) s.close();
  return (expected * SUBSCRIBERS) / seconds;
}

/** An EVENTS subscriber (ALL) counting the events it is sent. */
function subscribe(port) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let tail = '';
    let count = -1; // the first message is the subscription's reply
    let waiting;
    socket.setEncoding('utf8');
    socket.once('error', reject);
    socket.on('data', (text) => {
      const parts = (tail + text).split('\r\n');
      tail = parts.pop();
      for (const part of parts) if (!part.includes('<CONTROL>')) count++;
      if (count === 0) resolve(subscriber);
      if (waiting && count >= waiting.n) waiting.done();
    });
    socket.write('<REQUEST><TYPE>EVENTS</TYPE><REQUESTID>1</REQUESTID><EVENTCLASS>ALL</EVENTCLASS></REQUEST>\r\n');
    const subscriber = {
      received: (n) => new Promise((done, fail) => {
        if (count >= n) return done();
        const timer = setTimeout(() => fail(new Error(`a subscriber got ${count} of ${n} events`)), 60_000);
        waiting = { n, done: () => (clearTimeout(timer), done()) };
      }),
      close: () => socket.destroy(),
    };
  });
}

function startNats(dir) {
  const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', '-1', '-js', '-sd', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}: ${log}`)));
    child.stderr.setEncoding('utf8').on('data', (text) => {
      log += text;
      const port = /Listening for client connections on [\d.]+:(\d+)/.exec(log)?.[1];
      if (port && log.includes('Server is ready')) resolve({ port: Number(port), stop: () => stopChild(child) });
    });
  });
}

/** `callwire <command>` on its own data dir, with its JSON log lines. */
function startCallwire(command, dir, config) {
  mkdirSync(dir, { recursive: true });
  const home = dir;
  const file = join(home, 'callwire.json');
  writeFileSync(file, JSON.stringify({ log: { level: 'info', pretty: false }, plugins: [], ...config }));
  const child = spawn(process.execPath, [CLI, command, '--config', file], {
    env: { ...process.env, CALLWIRE_DATA_DIR: home, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  let buffer = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text) => {
    buffer += text;
    let end;
    while ((end = buffer.indexOf('\n')) !== -1) {
      try {
        lines.push(JSON.parse(buffer.slice(0, end)));
      } catch { /* not a log line */ }
      buffer = buffer.slice(end + 1);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
  return {
    async line(match, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find(match);
        if (found) return found;
        if (child.exitCode !== null) throw new Error(`callwire ${command} exited with ${child.exitCode}: ${stderr}`);
        if (Date.now() > deadline) throw new Error(`callwire ${command}: no such log line within ${timeoutMs} ms; ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => stopChild(child),
  };
}

function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  return exited.finally(() => clearTimeout(killer));
}
