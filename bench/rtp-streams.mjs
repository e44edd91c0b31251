// The stand-in PBX/SBC of the recorder benchmarks: a child process sending
// RTP streams (1 kHz PCMU, 20 ms packets) to the recorder, and the CPU time
// this process spends meanwhile.
import { fork } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';

const PACKET_MS = 20;
const ROLE = 'CALLWIRE_RTP_STREAMS_ROLE';

if (process.env[ROLE] === 'sender') runSender();

/**
 * Sends `seconds` of RTP on every stream ({ port, ssrc }) from a child
 * process, and returns this process's CPU time from the first packet to the
 * end of `after()` (run once the last packet is in), the packets sent and
 * how far the sender fell behind its schedule.
 */
export async function measureStreams(streams, seconds, after = async () => undefined) {
  const sender = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, [ROLE]: 'sender' }, stdio: 'inherit' });
  const message = (type) => new Promise((resolve, reject) => {
    sender.on('message', (m) => m.type === type && resolve(m));
    sender.once('exit', (code) => reject(new Error(`the RTP sender exited with ${code}`)));
  });
  await message('ready');
  const done = message('done');
  const cpu = process.cpuUsage();
  const wall = performance.now();
  sender.send({ type: 'go', streams, seconds });
  const report = await done;
  // Datagrams already sent are in the sockets' queues; let the loop take them.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const extra = await after();
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - wall;
  sender.kill();
  return { cpuMs: (used.user + used.system) / 1000, wallMs, sent: report.sent, maxLagMs: report.maxLagMs, extra };
}

/** The child: sends every stream's packets 20 ms apart, catching up in a burst if a timer fires late. */
function runSender() {
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1', () => process.send({ type: 'ready' }));
  process.on('message', async ({ type, streams, seconds }) => {
    if (type !== 'go') return;
    // One packet's payload: 1 kHz at 8 kHz repeats every 8 samples, so every 20 ms packet is the same.
    const { linearToUlaw } = await import('../packages/plugin-kit/dist/src/index.js');
    const payload = Buffer.alloc(160);
    for (let i = 0; i < 160; i++) payload[i] = linearToUlaw(8000 * Math.cos((2 * Math.PI * 1000 * i) / 8000));
    const start = performance.now();
    let sent = 0;
    let maxLagMs = 0;
    for (let k = 0; k < (seconds * 1000) / PACKET_MS; k++) {
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
