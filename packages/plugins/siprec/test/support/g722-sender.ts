import { createSocket } from 'node:dgram';
import { G722Encoder } from '@callwire/plugin-kit';

/**
 * Stands in for an SRC sending G.722 (no SBC exists here): a 16 kHz cosine
 * tone encoded with the kit's encoder, 20 ms packets (160 bytes, the RTP
 * timestamp advancing 160 a packet: G.722's 8 kHz RTP clock), paced in
 * real time until `stop` is aborted.
 */
export async function playG722(port: number, frequency: number, ssrc: number, stop: AbortSignal): Promise<void> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const encoder = new G722Encoder();
  const samples = new Int16Array(320);
  const start = performance.now();
  for (let index = 0; !stop.aborted; index++) {
    for (let i = 0; i < 320; i++) samples[i] = Math.round(8000 * Math.cos((2 * Math.PI * frequency * (index * 320 + i)) / 16000));
    const payload = encoder.encode(samples);
    const packet = Buffer.alloc(12 + payload.length);
    packet[0] = 0x80;
    packet[1] = 9;
    packet.writeUInt16BE(index & 0xffff, 2);
    packet.writeUInt32BE((index * 160) >>> 0, 4);
    packet.writeUInt32BE(ssrc >>> 0, 8);
    packet.set(payload, 12);
    socket.send(packet, port, '127.0.0.1');
    const wait = start + (index + 1) * 20 - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  socket.close();
}
