/**
 * G.711 expansion (ITU-T G.711): 8-bit A-law and µ-law codes to 16-bit
 * linear samples, for WAV files a recorder stored without decoding.
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

/** µ-law code → linear sample. */
export const MULAW_TABLE: Int16Array = Int16Array.from({ length: 256 }, (_, code) => ulawToLinear(code));
/** A-law code → linear sample. */
export const ALAW_TABLE: Int16Array = Int16Array.from({ length: 256 }, (_, code) => alawToLinear(code));
