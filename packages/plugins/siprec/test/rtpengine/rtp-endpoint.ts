import { createSocket, type Socket } from 'node:dgram';
import { linearToUlaw, parseRtpPacket, PAYLOAD_PCMU, ULAW_TO_LINEAR, type RtpPacket } from '@callwire/plugin-kit';

const FRAMES = 160; // 20 ms at 8 kHz

/**
 * A UDP socket on 127.0.0.1 that is one RTP end of a test: a phone (it
 * sends a µ-law tone, paced at 20 ms, and receives the other side) or a
 * recorder port (it only receives). What arrives is kept in order of arrival.
 */
export class RtpEndpoint {
  readonly received: RtpPacket[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];
  private sender: NodeJS.Timeout | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('message', (datagram) => {
      const packet = parseRtpPacket(datagram);
      if (typeof packet === 'string') return; // RTCP from rtpengine, say
      this.received.push(packet);
      for (const waiter of this.waiters.filter((w) => this.received.length >= w.count)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  }

  static async open(): Promise<RtpEndpoint> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new RtpEndpoint(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Starts sending a cosine tone of `frequency` Hz as PCMU to `target`, one packet every 20 ms, until stopSending(). */
  sendTone(target: { host: string; port: number }, frequency: number, ssrc: number): void {
    let index = 0;
    this.sender = setInterval(() => {
      this.socket.send(tonePacket(frequency, ssrc, index++), target.port, target.host);
    }, 20);
  }

  stopSending(): void {
    clearInterval(this.sender);
  }

  /** Resolves once `count` RTP packets have arrived in all (at once if they already have). */
  until(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** The received PCMU audio, decoded to linear samples, in order of arrival (loopback does not reorder). */
  decodedAudio(): Int16Array {
    const packets = this.received.filter((p) => p.payloadType === PAYLOAD_PCMU);
    return Int16Array.from(packets.flatMap((p) => [...p.payload].map((code) => ULAW_TO_LINEAR[code]!)));
  }

  close(): void {
    this.stopSending();
    this.socket.close();
  }
}

/** RTP packet `index` of a PCMU tone: a 12-byte header (version 2, marker on the first) and 160 µ-law samples. */
function tonePacket(frequency: number, ssrc: number, index: number): Buffer {
  const packet = Buffer.alloc(12 + FRAMES);
  packet[0] = 0x80;
  packet[1] = (index === 0 ? 0x80 : 0) | PAYLOAD_PCMU;
  packet.writeUInt16BE(index & 0xffff, 2);
  packet.writeUInt32BE((index * FRAMES) >>> 0, 4);
  packet.writeUInt32BE(ssrc >>> 0, 8);
  for (let i = 0; i < FRAMES; i++) packet[12 + i] = linearToUlaw(8000 * Math.cos((2 * Math.PI * frequency * (index * FRAMES + i)) / 8000));
  return packet;
}
