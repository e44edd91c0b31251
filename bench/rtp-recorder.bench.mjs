// The rtp-recorder under load: 200 calls recorded at once, both sides of each
// (400 RTP streams of 1 kHz PCMU, 20 ms packets: 20,000 packets a second) for
// 10 s of audio, sent by a child process standing in for the PBX. Figure: the
// recorder process's CPU time per second of recorded call audio. Baseline: the
// same datagrams received by bare dgram sockets that only count them. Packets
// lost (sent but never received) must be 0; a run that loses any is reported
// as failed. Late packets (received after their audio was written, when the
// PBX child falls behind its schedule) are reported with the child's lag.
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureStreams } from './rtp-streams.mjs';

const CALLS = 200;
const SIDES = 2;
const SECONDS = 10;
const PACKET_MS = 20;

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

/** Both sides of every call, each its own SSRC, to the call's port. */
function measure(ports, after) {
  const streams = ports.flatMap((port, call) => Array.from({ length: SIDES }, (_, side) => ({ port, ssrc: call * SIDES + side + 1 })));
  return measureStreams(streams, SECONDS, after);
}

function bind(port) {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}
