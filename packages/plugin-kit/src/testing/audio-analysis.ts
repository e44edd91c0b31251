/** Frames of one 20 ms RTP packet at 8 kHz. */
export const PACKET_FRAMES = 160;

/**
 * Share of a block's energy at `frequency` (Goertzel): about 1 for a pure
 * tone at that frequency, about 0 for silence or another tone.
 */
export function toneShare(samples: Int16Array, from: number, count: number, frequency: number, sampleRate = 8000): number {
  const w = (2 * Math.PI * frequency) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (let i = from; i < from + count; i++) {
    const x = samples[i] ?? 0;
    energy += x * x;
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  if (energy === 0) return 0;
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * power) / (count * energy);
}

/** Largest absolute sample in a block. */
export function peak(samples: Int16Array, from: number, count: number): number {
  let max = 0;
  for (let i = from; i < Math.min(from + count, samples.length); i++) max = Math.max(max, Math.abs(samples[i]!));
  return max;
}

/** First frame whose magnitude reaches `level` (the start of a tone sent as a cosine, whose first sample is its peak). */
export function onset(samples: Int16Array, level = 1000, from = 0): number {
  for (let i = from; i < samples.length; i++) if (Math.abs(samples[i]!) >= level) return i;
  return -1;
}

/** What a 20 ms packet slot of a file holds: 'silent', 'tone <Hz>' or 'other'. */
export type Slot = string;

/** Classifies each 160-frame slot from `start` as silence, one of `frequencies`, or something else. */
export function slots(samples: Int16Array, start: number, count: number, frequencies: readonly number[]): Slot[] {
  return Array.from({ length: count }, (_, k) => {
    const from = start + k * PACKET_FRAMES;
    if (peak(samples, from, PACKET_FRAMES) <= 16) return 'silent';
    const hit = frequencies.find((f) => toneShare(samples, from, PACKET_FRAMES, f) > 0.9);
    return hit === undefined ? 'other' : `tone ${hit}`;
  });
}
