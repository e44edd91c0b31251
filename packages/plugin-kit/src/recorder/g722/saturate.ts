/** The 16-bit saturation G.722's fixed-point arithmetic applies throughout. */
export function saturate(value: number): number {
  return value > 32767 ? 32767 : value < -32768 ? -32768 : value;
}

/** The 15-bit limit of a sub-band's reconstructed signal (G.722 blocks 6L and 6H, LIMIT). */
export function limitBand(value: number): number {
  return value > 16383 ? 16383 : value < -16384 ? -16384 : value;
}
