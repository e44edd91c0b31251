// The rtp-recorder under load: 200 calls recorded at once, both sides of each
// (400 RTP streams of 1 kHz PCMU, 20 ms packets: 20,000 packets a second) for
// 10 s of audio, sent by a child process standing in for the PBX. Figure: the
// recorder process's CPU time per second of recorded call audio. Baseline: the
// same datagrams received by bare dgram sockets that only count them. Packets
// lost (sent but never received) must be 0; a run that loses any is reported
// as failed. Late packets (received after their audio was written, when the
// PBX child falls behind its schedule) are reported with the child's lag.
import { fork } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CALLS = 200;
const SIDES = 2;
const SECONDS = 10;
const PACKET_MS = 20;
const PACKETS_PER_STREAM = (SECONDS * 1000) / PACKET_MS;
const ROLE = 'CALLWIRE_RTP_BENCH_ROLE';

if (process.env[ROLE] === 'pbx') runPbx();

export default async function rtpRecorder() {
  const { pino } = await import('pino');
  const { RtpRecorderCore, rtpRecorderOptions } = await import('../packages/plugins/rtp-recorder/dist/src/index.js');
  const base = 20000 + 2 * Math.floor(Math.random() * 2000);
  const ports = Array.from({ length: CALLS }, (_, i) => base + 2 * i);
  const audioSeconds = CALLS * SECONDS;

  // Baseline: bare sockets on the same ports, counting datagrams.
  const sockets = await Promise.all(ports.map((port) => bind(port)));
  let counted = 0;
  for (const socket of sockets) socket.on('message', () => counted++);
  const bare = await measure(ports);
  const bareReceived = counted;
  await Promise.all(sockets.map((s) => new Promise((resolve) => s.close(resolve))));

  // The recorder: one core, 200 dynamic channels on those ports, a recording on each.
  const dir = mkdtempSync(join(tmpdir(), 'callwire-rtp-bench-'));
  const ended = [];
  const core = new RtpRecorderCore({
    options: rtpRecorderOptions.parse({ coreIdent: 1, channels: CALLS, portRange: [base, base + 2 * CALLS - 1] }),
    log: pino({ level: 'silent' }),
    clock: { now: () => Date.now() },
    recordingsPath: dir,
    sink: { recordingEnded: (key, stopped, reason) => ended.push({ key, reason }) },
  });
  try {
    await core.start();
    const targets = [];
    for (let i = 0; i < CALLS; i++) {
      const started = await core.startRecording({ key: `b${i}`, deviceId: String(5000 + i), callInstance: '', fields: { deviceAlias: '' }, startedAt: Date.now() });
      targets.push(started.mediaTarget.port);
    }
    const recorded = await measure(targets, async () => {
      const stopped = await Promise.all(targets.map((_, i) => core.stopRecording(`b${i}`, Date.now())));
      return stopped;
    });
    const stats = core.stats();
    const stopped = recorded.extra;
    const sent = recorded.sent;
    const packetsLost = sent - stats.received;
    const recordedSeconds = stopped.reduce((sum, s) => sum + s.durationMs, 0) / 1000;

    const figure = recorded.cpuMs / audioSeconds;
    const baseline = bare.cpuMs / audioSeconds;
    const result = {
      name: 'rtp-recorder',
      figure,
      unit: 'ms CPU per s of call audio',
      baseline,
      baselineName: 'bare dgram sockets counting the same datagrams',
      ratio: figure / baseline,
      higherIsBetter: false,
      calls: CALLS,
      streams: CALLS * SIDES,
      packetsPerSecond: (CALLS * SIDES * 1000) / PACKET_MS,
      audioSeconds,
      recordedSeconds,
      packetsSent: sent,
      packetsReceived: stats.received,
      packetsLost,
      bareReceived,
      // Received, but after their audio was written (the PBX child fell behind by more than the 60 ms jitter buffer).
      late: stats.late,
      missingAtPlayout: stats.lost,
      resyncs: stats.resyncs,
      endedByCore: ended.length,
      recorderCpuMs: recorded.cpuMs,
      bareCpuMs: bare.cpuMs,
      recorderCpuShareOfOneCore: recorded.cpuMs / recorded.wallMs,
      senderMaxLagMs: recorded.maxLagMs,
    };
    if (packetsLost !== 0 || bareReceived !== bare.sent) {
      result.error = `packets lost: recorder ${packetsLost} of ${sent}, baseline ${bare.sent - bareReceived} of ${bare.sent}`;
    }
    return result;
  } finally {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs one round of the PBX child against `ports` and returns this process's
 * CPU time from the first packet to the end of `after()` (run once the last
 * packet is in).
 */
async function measure(ports, after = async () => undefined) {
  const pbx = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, [ROLE]: 'pbx' }, stdio: 'inherit' });
  const message = (type) => new Promise((resolve, reject) => {
    pbx.on('message', (m) => m.type === type && resolve(m));
    pbx.once('exit', (code) => reject(new Error(`the PBX child exited with ${code}`)));
  });
  await message('ready');
  const done = message('done');
  const cpu = process.cpuUsage();
  const wall = performance.now();
  pbx.send({ type: 'go', ports });
  const report = await done;
  // Datagrams already sent are in the sockets' queues; let the loop take them.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const extra = await after();
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - wall;
  pbx.kill();
  return { cpuMs: (used.user + used.system) / 1000, wallMs, sent: report.sent, maxLagMs: report.maxLagMs, extra };
}

function bind(port) {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}

/** The child: sends both sides of every call, 20 ms apart, catching up in a burst if a timer fires late. */
function runPbx() {
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1', () => process.send({ type: 'ready' }));
  process.on('message', async ({ type, ports }) => {
    if (type !== 'go') return;
    // One packet's payload: 1 kHz at 8 kHz repeats every 8 samples, so every 20 ms packet is the same.
    const { linearToUlaw } = await import('../packages/plugin-kit/dist/src/index.js');
    const payload = Buffer.alloc(160);
    for (let i = 0; i < 160; i++) payload[i] = linearToUlaw(8000 * Math.cos((2 * Math.PI * 1000 * i) / 8000));
    const streams = ports.flatMap((port, call) => Array.from({ length: SIDES }, (_, side) => ({ port, ssrc: call * SIDES + side + 1 })));
    const start = performance.now();
    let sent = 0;
    let maxLagMs = 0;
    for (let k = 0; k < PACKETS_PER_STREAM; k++) {
      const due = start + k * PACKET_MS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      maxLagMs = Math.max(maxLagMs, performance.now() - due);
      for (const { port, ssrc } of streams) {
        const packet = Buffer.allocUnsafe(172);
        packet[0] = 0x80;
        packet[1] = 0;
        packet.writeUInt16BE(k & 0xffff, 2);
        packet.writeUInt32BE((k * 160) >>> 0, 4);
        packet.writeUInt32BE(ssrc, 8);
        payload.copy(packet, 12);
        socket.send(packet, port, '127.0.0.1');
        sent++;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, PACKET_MS));
    process.send({ type: 'done', sent, maxLagMs });
  });
}
