import { createSocket, type Socket } from 'node:dgram';
import { linearToUlaw } from '@callwire/plugin-kit';

/** Samples in one 20 ms RTP packet at 8 kHz. */
export const PACKET_SAMPLES = 160;

/** One party of a call: an RTP stream of a µ-law tone. */
export interface Talk {
  readonly ssrc: number;
  /** Hz. */
  readonly frequency: number;
  /** Peak of the tone, of 32767. */
  readonly amplitude?: number;
}

/**
 * Stands in for the PBX that sends a call's media to the recorder (no PBX
 * exists in a test): a UDP socket sending G.711 µ-law RTP, one 20 ms packet
 * per party per tick, paced against the wall clock like a real phone.
 */
export class RtpTalker {
  private constructor(private readonly socket: Socket) {}

  static open(): Promise<RtpTalker> {
    const socket = createSocket('udp4');
    return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve(new RtpTalker(socket))));
  }

  /** Sends packets `first` … `first + packets - 1` of each talk to `target`, one tick every 20 ms. */
  async play(target: { host: string; port: number }, talks: readonly Talk[], packets: number, first = 0): Promise<void> {
    const start = performance.now();
    for (let i = 0; i < packets; i++) {
      const wait = start + i * 20 - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      for (const talk of talks) await this.send(packet(talk, first + i), target);
    }
  }

  close(): void {
    this.socket.close();
  }

  private send(datagram: Buffer, target: { host: string; port: number }): Promise<void> {
    return new Promise((resolve, reject) => this.socket.send(datagram, target.port, target.host, (err) => (err ? reject(err) : resolve())));
  }
}

/** RTP packet `index` of a talk: version 2, payload type 0 (PCMU), 160 µ-law samples of its tone. */
function packet(talk: Talk, index: number): Buffer {
  const bytes = Buffer.alloc(12 + PACKET_SAMPLES);
  bytes[0] = 0x80;
  bytes[1] = index === 0 ? 0x80 : 0x00;
  bytes.writeUInt16BE((1000 + index) & 0xffff, 2);
  bytes.writeUInt32BE((16_000 + index * PACKET_SAMPLES) >>> 0, 4);
  bytes.writeUInt32BE(talk.ssrc >>> 0, 8);
  const amplitude = talk.amplitude ?? 8000;
  for (let i = 0; i < PACKET_SAMPLES; i++) {
    const n = index * PACKET_SAMPLES + i;
    bytes[12 + i] = linearToUlaw(Math.round(amplitude * Math.sin((2 * Math.PI * talk.frequency * n) / 8000)));
  }
  return bytes;
}
