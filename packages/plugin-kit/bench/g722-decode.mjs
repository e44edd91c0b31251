// g722-decode: how fast the kit's G.722 decoder runs, as seconds of audio
// decoded per CPU second on one core. 200 streams (one decoder each, as a
// recorder keeps them) take 20 ms packets (160 bytes) in turn; the figure to
// beat is 200 (200 streams in real time), by a large margin.
// Run after `npx tsc -b`: node packages/plugin-kit/bench/g722-decode.mjs [seconds]
import { G722Decoder, G722Encoder } from '../dist/src/index.js';

const STREAMS = 200;
const PACKET_BYTES = 160; // 20 ms at 8000 bytes/s
const seconds = Number(process.argv[2] ?? 30); // of audio per stream

function speechLikePayload() {
  const rate = 16000;
  const pcm = Int16Array.from({ length: rate }, (_, i) => {
    const t = i / rate;
    return Math.round(6000 * Math.sin(2 * Math.PI * 180 * t) * (1 + Math.sin(2 * Math.PI * 3 * t)) + 2500 * Math.sin(2 * Math.PI * 5200 * t + Math.sin(9 * t)));
  });
  return new G722Encoder().encode(pcm); // one second, 8000 bytes
}

function run(secondsPerStream) {
  const payload = speechLikePayload();
  const decoders = Array.from({ length: STREAMS }, () => new G722Decoder());
  const out = new Int16Array(PACKET_BYTES * 2);
  const packets = (secondsPerStream * 8000) / PACKET_BYTES;
  let checksum = 0;
  const start = process.cpuUsage();
  for (let p = 0; p < packets; p++) {
    const at = (p * PACKET_BYTES) % payload.length;
    const packet = payload.subarray(at, at + PACKET_BYTES);
    for (const decoder of decoders) checksum += decoder.decode(packet, out)[PACKET_BYTES];
  }
  const used = process.cpuUsage(start);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { audioSeconds: STREAMS * secondsPerStream, cpuSeconds, checksum };
}

run(2); // warm up
const { audioSeconds, cpuSeconds, checksum } = run(seconds);
const rate = audioSeconds / cpuSeconds;
console.log(`g722-decode: ${rate.toFixed(0)} s of 16 kHz audio decoded per CPU second (${audioSeconds} s in ${cpuSeconds.toFixed(2)} CPU s, ${STREAMS} streams of 20 ms packets)`);
console.log(`g722-decode: one core decodes ${rate.toFixed(0)} streams in real time, ${(rate / STREAMS).toFixed(1)}× the ${STREAMS} a recorder needs (checksum ${checksum})`);
