import type { RemoteInfo } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { parseRtpPacket, PAYLOAD_CN, type RtpPacket } from '@callwire/plugin-kit';
import type { MediaLeg } from './media-leg.js';
import type { RtpPort } from './rtp-port-pool.js';

/** Where a leg's packets go once read. */
export interface LegSink {
  audio(leg: MediaLeg, packet: RtpPacket, from: RemoteInfo, now: number): void;
  dtmf(leg: MediaLeg, packet: RtpPacket): void;
  /** Counts a datagram that was no usable audio (not RTP, an unknown payload type, comfort noise, while not sending). */
  dropped(reason: 'not-rtp' | 'unknown-payload' | 'comfort-noise' | 'not-sending'): void;
}

/**
 * Reads one leg's port: every datagram parsed once, its payload type told
 * apart (the leg's codec → audio, telephone-event → DTMF, the rest dropped
 * and counted). A datagram can never take the process down.
 */
export function receiveLeg(leg: MediaLeg, port: RtpPort, sink: LegSink, onError: (err: Error) => void): void {
  let faulted = false;
  port.socket.on('message', (datagram: Buffer, from: RemoteInfo) => {
    try {
      const packet = parseRtpPacket(datagram);
      if (typeof packet === 'string') return sink.dropped('not-rtp');
      if (packet.payloadType === leg.telephoneEvent?.payloadType) return sink.dtmf(leg, packet);
      if (packet.payloadType !== leg.codec.payloadType) return sink.dropped(packet.payloadType === PAYLOAD_CN ? 'comfort-noise' : 'unknown-payload');
      if (!leg.sending) return sink.dropped('not-sending');
      sink.audio(leg, packet, from, performance.now());
    } catch (err) {
      if (!faulted) onError(err as Error);
      faulted = true;
    }
  });
  port.socket.on('error', onError);
}
