import { createSocket, type Socket } from 'node:dgram';
import { linearToAlaw, linearToUlaw } from '../recorder/g711.js';
import { PACKET_FRAMES } from './audio-analysis.js';

/** One RTP stream the stand-in PBX sends: a tone (or silence) in PCMU or PCMA. */
export interface ToneStream {
  readonly ssrc: number;
  readonly payloadType: 0 | 8;
  /** Hz; 0 sends digital silence. */
  readonly frequency: number;
  readonly amplitude?: number;
  /** First sequence number; near 65535 to cross the wrap. */
  readonly firstSequence?: number;
  /** First timestamp; near 2^32 to cross the wrap. */
  readonly firstTimestamp?: number;
  /** The slot (20 ms step of play()) of the stream's first packet, and how many it sends; default: all of play(). */
  readonly firstSlot?: number;
  readonly count?: number;
  /** Header extras every packet carries, to exercise the parser: CSRC entries, extension words, padding bytes. */
  readonly csrcs?: number;
  readonly extensionWords?: number;
  readonly padding?: number;
}

/** Network trouble to act out, by packet index. */
export interface Impairments {
  /** Never sent (lost in the network). */
  readonly drop?: readonly number[];
  /** Sent twice. */
  readonly duplicate?: readonly number[];
  /** Sent just after the next packet (overtaken in the network). */
  readonly swap?: readonly number[];
  /** Sent this many packet times late: index → slots. */
  readonly delay?: ReadonlyMap<number, number>;
}

/** When the first and the last packet went out (Date.now ms), and when the last one's 20 ms were over. */
export interface PlayTimes {
  readonly firstSentAt: number;
  readonly lastSentAt: number;
  readonly endedAt: number;
}

/**
 * Stands in for the PBX (or SBC / media fork) that sends a call's RTP to the
 * recorder, since no PBX exists in a test: a real UDP socket sending G.711
 * packets of a cosine tone, paced in real time at 20 ms, with the network
 * trouble the test asks for. Headers are built here byte by byte, apart from
 * the recorder's own parser.
 */
export class PbxMediaSender {
  /** RTP datagrams play() has sent so far, for tests that wait until some more have gone out. */
  sent = 0;

  private constructor(private readonly socket: Socket) {}

  static open(): Promise<PbxMediaSender> {
    const socket = createSocket('udp4');
    return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve(new PbxMediaSender(socket))));
  }

  /** RTP packet `index` of a stream (packets are 20 ms, 160 samples). */
  static packet(stream: ToneStream, index: number): Buffer {
    const csrcs = stream.csrcs ?? 0;
    const extension = stream.extensionWords === undefined ? 0 : 4 + 4 * stream.extensionWords;
    const padding = stream.padding ?? 0;
    const header = 12 + 4 * csrcs + extension;
    const bytes = Buffer.alloc(header + PACKET_FRAMES + padding);
    bytes[0] = 0x80 | (padding ? 0x20 : 0) | (extension ? 0x10 : 0) | csrcs;
    bytes[1] = (index === 0 ? 0x80 : 0) | stream.payloadType; // marker: start of a talkspurt
    bytes.writeUInt16BE(((stream.firstSequence ?? 1000) + index) & 0xffff, 2);
    bytes.writeUInt32BE(((stream.firstTimestamp ?? 80_000) + index * PACKET_FRAMES) >>> 0, 4);
    bytes.writeUInt32BE(stream.ssrc >>> 0, 8);
    for (let c = 0; c < csrcs; c++) bytes.writeUInt32BE(0x0c5c0000 + c, 12 + 4 * c);
    if (extension) {
      bytes.writeUInt16BE(0xbede, 12 + 4 * csrcs);
      bytes.writeUInt16BE(stream.extensionWords!, 14 + 4 * csrcs);
      bytes.fill(0xee, 16 + 4 * csrcs, header);
    }
    const encode = stream.payloadType === 0 ? linearToUlaw : linearToAlaw;
    const amplitude = stream.amplitude ?? 8000;
    for (let i = 0; i < PACKET_FRAMES; i++) {
      const n = index * PACKET_FRAMES + i;
      bytes[header + i] = encode(stream.frequency === 0 ? 0 : amplitude * Math.cos((2 * Math.PI * stream.frequency * n) / 8000));
    }
    if (padding) bytes[bytes.length - 1] = padding;
    return bytes;
  }

  send(datagram: Buffer, target: { host: string; port: number }): Promise<void> {
    return new Promise((resolve, reject) => this.socket.send(datagram, target.port, target.host, (err) => (err ? reject(err) : resolve())));
  }

  /**
   * Sends `slots` 20 ms steps of RTP from now: each stream its packets
   * (from its firstSlot, count of them), acting out `trouble` by packet
   * index. Resolves when the last slot's 20 ms have passed, or at once when
   * `stop` is aborted (a call that lasts until the test has seen enough).
   */
  async play(target: { host: string; port: number }, streams: readonly ToneStream[], slots: number, trouble: Impairments = {}, stop?: AbortSignal): Promise<PlayTimes> {
    const plan: { slot: number; order: number; stream: ToneStream; index: number }[] = [];
    const drop = new Set(trouble.drop);
    for (const stream of streams) {
      const first = stream.firstSlot ?? 0;
      for (let index = 0; index < (stream.count ?? slots - first); index++) {
        if (drop.has(index)) continue;
        let slot = first + index;
        let order = 0;
        if (trouble.swap?.includes(index)) [slot, order] = [slot + 1, 1];
        const delay = trouble.delay?.get(index);
        if (delay !== undefined) [slot, order] = [slot + delay, 1];
        plan.push({ slot, order, stream, index });
        if (trouble.duplicate?.includes(index)) plan.push({ slot, order: 2, stream, index });
      }
    }
    plan.sort((a, b) => a.slot - b.slot || a.order - b.order);

    const start = performance.now();
    let firstSentAt = 0;
    let lastSentAt = 0;
    for (const { slot, stream, index } of plan) {
      await sleepUntil(start + slot * 20);
      if (stop?.aborted) break;
      await this.send(PbxMediaSender.packet(stream, index), target);
      this.sent++;
      lastSentAt = Date.now();
      firstSentAt ||= lastSentAt;
    }
    if (!stop?.aborted) await sleepUntil(start + slots * 20);
    return { firstSentAt, lastSentAt, endedAt: Date.now() };
  }

  close(): void {
    this.socket.close();
  }
}

function sleepUntil(at: number): Promise<void> {
  const wait = at - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}
