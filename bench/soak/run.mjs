#!/usr/bin/env node
// npm run soak [-- --minutes N] [-- --disk-full]
//
// The soak test of issue 14 (not in npm test): a real `callwire start` process
// with the real rtp-recorder core, 50 calls/s (each 2 s long) for N minutes
// (default 10), 10 TCP and 10 WebSocket event subscribers, a TEST probe every
// 100 ms, and the attacks of issue 14 injected during the run:
//   1. one client sends `<` and then 135 MB of `A`;
//   2. one client pipelines 600 × CALLLIST CALLCOUNT=1000 without reading, and
//      20 clients pipeline CHANNELS without reading;
//   5. 2,500 connections from an address outside server.allow.
// Every 30 s it prints the server's RSS and the TEST p99 of that window; at the
// end, calls acknowledged vs rows stored complete, and events delivered vs
// expected per subscriber. It exits 1 when they differ or the server died.
//
// --disk-full: the data directory on a 64 MiB tmpfs (needs root) with a 16 MB
// floor; calls run until CALLSTART answers 2, then the same accounting.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { openStorage } from '../../packages/core/dist/src/index.js';
import { percentile } from '../support.mjs';
import { EventCounter, Probe, SerialClient } from './clients.mjs';

const { values: args } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, 'disk-full': { type: 'boolean', default: false } } });
const minutes = Number(args.minutes);
const diskFull = args['disk-full'];
const CALLS_PER_SECOND = 50;
const CALL_SECONDS = 2;
const CLI = new URL('../../packages/server/dist/src/cli/main.js', import.meta.url).pathname;

const home = mkdtempSync(join(tmpdir(), 'callwire-soak-'));
let data = join(home, 'data');
if (diskFull) {
  data = join(home, 'tmpfs');
  mkdirSync(data);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', data]);
}
const configFile = join(home, 'callwire.yaml');
writeFileSync(configFile, [
  'log: { level: info }',
  'server: { allow: [127.0.0.1], api: { maxClients: 5000 } }',
  `recordings: { minFreeMb: ${diskFull ? 16 : 100} }`,
  'plugins:',
  '  - use: rtp-recorder',
  '    options: { coreIdent: 1, channels: 400, portRange: [42000, 43999] }',
].join('\n'));

const server = spawn(process.execPath, [CLI, 'start'], {
  env: { ...process.env, CALLWIRE_DATA_DIR: data, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: configFile },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverLog = '';
const keep = (text) => (serverLog = (serverLog + text).slice(-200_000));
let readyLine;
server.stdout.setEncoding('utf8').on('data', (t) => {
  readyLine ??= t.split('\n').find((l) => l.includes('Callwire ready'));
  keep(t);
});
server.stderr.setEncoding('utf8').on('data', keep);
process.on('exit', () => server.kill('SIGKILL')); // never leave the server behind
const died = new Promise((resolve) => server.once('exit', (code, signal) => resolve(`${code ?? signal}`)));
const ports = await waitReady();
console.log(`soak: server pid ${server.pid}, API ${ports.api}, web ${ports.web}; ${diskFull ? 'disk-full run' : `${minutes} min`} at ${CALLS_PER_SECOND} calls/s`);

const subscribers = [];
for (let i = 0; i < 10; i++) subscribers.push(await EventCounter.tcp(ports.api, `tcp-${i}`));
for (let i = 0; i < 10; i++) subscribers.push(await EventCounter.ws(ports.web, `ws-${i}`, WebSocket));
const probe = await Probe.start(ports.api);

// registered: calls that exist (CALLSTART not refused outright); started: those recording;
// stopped: CALLSTOPs answered API_OK; acknowledged: recorded calls whose CALLSTOP was answered API_OK
const calls = { registered: 0, started: 0, stopped: 0, acknowledged: 0, refusedDisk: 0, failed: 0 };
const callClients = await Promise.all(Array.from({ length: 10 }, () => SerialClient.open(ports.api)));
let stopping = false;
let sequence = 0;
const inFlight = new Set();
const callTimer = setInterval(() => {
  if (stopping) return;
  for (let i = 0; i < CALLS_PER_SECOND / 10; i++) {
    const call = oneCall(sequence++);
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  }
}, 100);

/** Codes CALLSTART answers before any call exists: nothing to stop afterwards. */
const REFUSED = new Set(['2', '6', '8', '59']);

async function oneCall(n) {
  const client = callClients[n % callClients.length];
  const device = String(100000 + (n % 5000));
  const identity = { DEVICEID: device, CALLINSTANCE: String(n) };
  const start = await client.request('CALLSTART', { ...identity, ANI: '6145551212', DNIS: '8005551000' });
  const code = tag(start, 'RESULTCODE');
  if (code === '2') {
    calls.refusedDisk++;
    if (diskFull) stopping = true;
    return;
  }
  if (REFUSED.has(code)) return void failure('CALLSTART', device, start);
  calls.registered++;
  const recorded = code === '20';
  if (recorded) calls.started++;
  else failure('CALLSTART', device, start);
  await new Promise((r) => setTimeout(r, CALL_SECONDS * 1000));
  const stop = await client.request('CALLSTOP', identity);
  if (tag(stop, 'RESULTCODE') !== '20') return void failure('CALLSTOP', device, stop);
  calls.stopped++;
  if (recorded) calls.acknowledged++;
}

function failure(type, device, reply) {
  calls.failed++;
  if (calls.failed <= 5) console.log(`soak: ${type} ${device} answered ${tag(reply, 'RESULTCODE')} ${tag(reply, 'RESULTMSG')}`);
}

// the attacks, spread over the run
const runMs = diskFull ? 30 * 60_000 : minutes * 60_000;
const attacks = diskFull ? [] : [
  { at: 0.2, name: '1: `<` then 135 MB of A', run: () => floodUnclosedTag(ports.api, 135 * 1024 * 1024) },
  { at: 0.4, name: '2: 600 × CALLLIST CALLCOUNT=1000 unread, 20 × CHANNELS unread', run: () => unreadPipelines(ports.api) },
  { at: 0.6, name: '5: 2,500 connections from outside server.allow', run: () => refusedFlood(ports.api, 2500) },
];
for (const attack of attacks) {
  setTimeout(() => {
    console.log(`soak: attack ${attack.name}`);
    attack.run().then((what) => console.log(`soak: attack ${attack.name} ended: ${what}`), (err) => console.log(`soak: attack ${attack.name} failed: ${err.message}`));
  }, attack.at * runMs).unref();
}

const started = Date.now();
let report = 0;
const reporter = setInterval(() => {
  const rss = rssMiB(server.pid);
  const window = probe.takeWindow();
  console.log(`soak: ${Math.round((Date.now() - started) / 1000)} s  rss ${rss} MiB  TEST p99 ${fmt(percentile(window.rtts, 99))} ms (${window.rtts.length} answered, ${window.late} over 1 s)  calls ${calls.acknowledged} acknowledged, ${calls.failed} failed, ${calls.refusedDisk} refused for disk`);
  report++;
}, 30_000);

const outcome = await Promise.race([
  died.then((code) => ({ died: code })),
  (async () => {
    while (!stopping && Date.now() - started < runMs) await new Promise((r) => setTimeout(r, 200));
    stopping = true;
    return { died: undefined };
  })(),
]);
clearInterval(callTimer);
// calls in progress end within CALL_SECONDS when the server answers; a server that stopped answering is reported below
await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 30_000))]);
// let the last events arrive: every subscriber has seen as many RECORDINGUPDATEs as calls acknowledged, or 10 s pass
const settleBy = Date.now() + 10_000;
while (Date.now() < settleBy && subscribers.some((s) => (s.counts.RECORDINGUPDATE ?? 0) < calls.acknowledged)) await new Promise((r) => setTimeout(r, 100));
clearInterval(reporter);
const overall = probe.all();
probe.stop();

const droppedDuringRun = new Set(subscribers.filter((sub) => sub.closed).map((sub) => sub.name));
let exitCode = 0;
if (outcome.died !== undefined) {
  console.log(`soak: SERVER DIED (${outcome.died}); last log:\n${serverLog.slice(-2000)}`);
  exitCode = 1;
} else {
  server.kill('SIGTERM');
  await died;
}
const storage = await openStorage({ driver: 'sqlite', path: join(data, 'callwire.db') });
const rows = await storage.recordings.list();
await storage.close();
const complete = rows.filter((r) => r.state === 'complete').length;
console.log(`soak: TEST over the run: p50 ${fmt(percentile(overall.rtts, 50))} ms, p99 ${fmt(percentile(overall.rtts, 99))} ms, max ${fmt(Math.max(...overall.rtts))} ms, ${overall.late} over 1 s, ${overall.unanswered} unanswered`);
console.log(`soak: calls acknowledged ${calls.acknowledged}, rows stored complete ${complete} (of ${rows.length})${calls.acknowledged === complete ? ' — equal' : ' — DIFFERENT'}; refused for disk ${calls.refusedDisk}; failed ${calls.failed}`);
if (calls.acknowledged !== complete) exitCode = 1;
const expected = { CALLSTART: calls.registered, RECORDINGSTARTED: calls.started, CALLSTOP: calls.stopped, RECORDINGSTOPPED: calls.acknowledged, RECORDINGUPDATE: calls.acknowledged };
for (const s of subscribers) {
  const same = Object.entries(expected).every(([type, n]) => (s.counts[type] ?? 0) === n);
  if (!same) exitCode = 1;
  console.log(`soak: subscriber ${s.name}: ${Object.entries(expected).map(([type, n]) => `${type} ${s.counts[type] ?? 0}/${n}`).join(', ')}${same ? ' — equal' : ' — DIFFERENT'}${droppedDuringRun.has(s.name) ? ' (disconnected during the run)' : ''}`);
}
for (const s of subscribers) s.close();
callClients.forEach((c) => c.close());
if (diskFull) execFileSync('umount', [data]);
rmSync(home, { recursive: true, force: true });
process.exit(exitCode);

async function waitReady() {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (readyLine) {
      const ready = JSON.parse(readyLine);
      return { api: ready.api.port, web: ready.web.port };
    }
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start: ${serverLog}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Attack 1: `<` then `bytes` of A, as fast as the server takes them. */
function floodUnclosedTag(port, bytes) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    let sent = 0;
    socket.resume(); // its one reply is read, so the close is seen
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(`${Math.round(sent / 2 ** 20)} MiB sent before the connection closed`));
    socket.once('connect', () => {
      socket.write('<');
      const pump = () => {
        while (sent < bytes) {
          sent += chunk.length;
          if (!socket.write(chunk)) return socket.once('drain', pump);
        }
        socket.end();
      };
      pump();
    });
  });
}

/** Attack 2: clients that pipeline big replies and never read them. */
async function unreadPipelines(port) {
  const sockets = [];
  const open = (text) => new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.pause(); // never read
      socket.write(text);
      resolve(socket);
    });
    socket.on('error', () => undefined);
    sockets.push(socket);
  });
  const calllist = Array.from({ length: 600 }, (_, i) => `<REQUEST><TYPE>CALLLIST</TYPE><REQUESTID>${i}</REQUESTID><CALLCOUNT>1000</CALLCOUNT></REQUEST>\r\n`).join('');
  const channels = Array.from({ length: 2000 }, (_, i) => `<REQUEST><TYPE>CHANNELS</TYPE><REQUESTID>${i}</REQUESTID></REQUEST>\r\n`).join('');
  await open(calllist);
  for (let i = 0; i < 20; i++) await open(channels);
  await new Promise((r) => setTimeout(r, 30_000));
  const dropped = sockets.filter((s) => s.destroyed || s.readableEnded).length;
  sockets.forEach((s) => s.destroy());
  return `held 30 s; ${dropped} of ${sockets.length} were dropped by the server`;
}

/** Attack 5: connections from 127.0.0.2, outside server.allow; returns how many the server closed by itself. */
async function refusedFlood(port, count) {
  let closedByServer = 0;
  const sockets = [];
  for (let i = 0; i < count; i++) {
    sockets.push(new Promise((resolve) => {
      const socket = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' });
      let mine = false;
      socket.resume();
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (!mine) closedByServer++;
        resolve();
      });
      setTimeout(() => {
        mine = true;
        socket.destroy();
      }, 20_000).unref();
    }));
  }
  await Promise.all(sockets);
  return `${closedByServer} of ${count} closed by the server`;
}

function rssMiB(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
}

function tag(xml, name) {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

function fmt(n) {
  return n === undefined || Number.isNaN(n) ? '-' : n >= 100 ? n.toFixed(0) : n.toFixed(2);
}
