import { write, type MediaDescription } from 'sdp-transform';
import { ipVersionOf, type AnswerOriginLine } from './answer-origin.js';
import type { AnswerPlan, AnsweredStream } from './answer-plan.js';
import { TELEPHONE_EVENT, type Codec } from './codecs.js';

/** Where the SRS receives what it accepted. */
export interface AnswerAddressing {
  readonly origin: AnswerOriginLine;
  /** The SRS's media address (c= line). */
  readonly address: string;
  /** The receiver's port for each accepted stream, by the stream's m-line index. */
  readonly ports: ReadonlyMap<number, number>;
}

/**
 * Writes the SRS's SDP answer: one m-line per offered m-line, in order
 * (RFC 3264 §6). An accepted audio stream gets the receiver's port, its
 * one codec plus telephone-event if offered, the direction of the plan and
 * its label; a refused or removed stream gets port 0.
 */
export function writeAnswer(plan: AnswerPlan, addressing: AnswerAddressing): string {
  const { origin, address } = addressing;
  return write({
    version: 0,
    origin: {
      username: origin.username,
      sessionId: origin.sessionId,
      sessionVersion: origin.version,
      netType: 'IN',
      ipVer: ipVersionOf(origin.address),
      address: origin.address,
    },
    name: '-',
    connection: { version: ipVersionOf(address), ip: address },
    timing: { start: 0, stop: 0 },
    media: plan.streams.map((stream) => answerMedia(stream, addressing.ports)),
  });
}

function answerMedia(stream: AnsweredStream, ports: ReadonlyMap<number, number>): MediaDescription {
  const { offered } = stream;
  const label = offered.label === undefined ? {} : { label: offered.label };
  if (!stream.accepted) {
    // A refused stream still lists a format (RFC 3264 §6): the first one offered.
    return { type: offered.media, port: 0, protocol: offered.protocol, payloads: offered.formats[0] ?? '0', rtp: [], fmtp: [], ...label };
  }
  const port = ports.get(offered.index);
  if (port === undefined) throw new RangeError(`no receiver port given for accepted stream ${offered.index} (label ${offered.label ?? 'none'})`);
  const formats = stream.telephoneEvent ? [stream.codec, stream.telephoneEvent] : [stream.codec];
  return {
    type: 'audio',
    port,
    protocol: offered.protocol,
    payloads: formats.map((c) => c.payloadType).join(' '),
    rtp: formats.map(rtpmapOf),
    fmtp: formats.flatMap((c) => (c.parameters === undefined ? [] : [{ payload: c.payloadType, config: c.parameters }])),
    direction: stream.direction,
    ...label,
    ...(offered.rtcpMux ? { rtcpMux: 'rtcp-mux' as const } : {}),
  };
}

function rtpmapOf(codec: Codec): MediaDescription['rtp'][number] {
  return { payload: codec.payloadType, codec: codec.name === TELEPHONE_EVENT ? 'telephone-event' : codec.name, rate: codec.rate };
}
