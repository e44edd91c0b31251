/**
 * G.711 (ITU-T, 1972): 8-bit logarithmic telephone audio at 8 kHz. Decoding
 * is a table lookup, which keeps the per-packet cost of a recording small;
 * the encoders serve senders (a PBX stand-in in tests, the benchmark).
 */

/** 16-bit linear sample of each µ-law code (PCMU, payload type 0) and A-law code (PCMA, 8): core's tables, shared with the exporter. */
export { MULAW_TABLE as ULAW_TO_LINEAR, ALAW_TABLE as ALAW_TO_LINEAR } from '@callwire/core';

const ULAW_BIAS = 0x84;
const ULAW_CLIP = 32635;

/** The µ-law code of a 16-bit linear sample. */
export function linearToUlaw(sample: number): number {
  let s = Math.trunc(sample);
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  if (s > ULAW_CLIP) s = ULAW_CLIP;
  s += ULAW_BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

const ALAW_SEGMENT_ENDS = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];

/** The A-law code of a 16-bit linear sample. */
export function linearToAlaw(sample: number): number {
  let s = Math.trunc(sample) >> 3; // A-law works on 13 bits
  let mask: number;
  if (s >= 0) {
    mask = 0xd5;
  } else {
    mask = 0x55;
    s = -s - 1;
  }
  const segment = ALAW_SEGMENT_ENDS.findIndex((end) => s <= end);
  if (segment === -1) return 0x7f ^ mask;
  const mantissa = segment < 2 ? (s >> 1) & 0x0f : (s >> segment) & 0x0f;
  return ((segment << 4) | mantissa) ^ mask;
}
