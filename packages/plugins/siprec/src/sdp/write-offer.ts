import { write } from 'sdp-transform';
import { ipVersionOf, type AnswerOriginLine } from './answer-origin.js';

/** The formats the SRS offers when the SRC sent no offer: PCMU, PCMA and telephone-event. */
const OFFERED = [
  { payload: 0, codec: 'PCMU', rate: 8000 },
  { payload: 8, codec: 'PCMA', rate: 8000 },
  { payload: 101, codec: 'telephone-event', rate: 8000 },
] as const;

/**
 * The SRS's own offer, for an INVITE that came without one (Cisco CUCM's
 * Built-in-Bridge sends a delayed offer, RFC 3261 §13.2.1, and answers in
 * the ACK): one recvonly audio stream per port.
 */
export function writeRecvonlyOffer(origin: AnswerOriginLine, address: string, ports: readonly number[]): string {
  return write({
    version: 0,
    origin: { username: origin.username, sessionId: origin.sessionId, sessionVersion: origin.version, netType: 'IN', ipVer: ipVersionOf(origin.address), address: origin.address },
    name: '-',
    connection: { version: ipVersionOf(address), ip: address },
    timing: { start: 0, stop: 0 },
    media: ports.map((port) => ({
      type: 'audio',
      port,
      protocol: 'RTP/AVP',
      payloads: OFFERED.map((f) => f.payload).join(' '),
      rtp: OFFERED.map(({ payload, codec, rate }) => ({ payload, codec, rate })),
      fmtp: [{ payload: 101, config: '0-15' }],
      direction: 'recvonly' as const,
    })),
  });
}
