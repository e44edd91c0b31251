/**
 * G.711 (ITU-T, 1972): 8-bit logarithmic telephone audio at 8 kHz, µ-law
 * (RTP payload type 0, PCMU) and A-law (8, PCMA). Decoding is a table
 * lookup, which keeps the per-packet cost of a recorder and the exporter's
 * reading of G.711 WAV files small; the encoders serve senders (a PBX
 * stand-in in tests, the benchmark).
 */

function ulawToLinear(code: number): number {
  const u = ~code & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = (((u & 0x0f) << 3) + 0x84) << exponent;
  return u & 0x80 ? 0x84 - magnitude : magnitude - 0x84;
}

function alawToLinear(code: number): number {
  const a = code ^ 0x55;
  const exponent = (a >> 4) & 0x07;
  let magnitude = (a & 0x0f) << 4;
  magnitude = exponent === 0 ? magnitude + 8 : (magnitude + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

/** The 16-bit linear sample of each µ-law code. */
export const ULAW_TO_LINEAR: Int16Array = Int16Array.from({ length: 256 }, (_, code) => ulawToLinear(code));
/** The 16-bit linear sample of each A-law code. */
export const ALAW_TO_LINEAR: Int16Array = Int16Array.from({ length: 256 }, (_, code) => alawToLinear(code));

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
