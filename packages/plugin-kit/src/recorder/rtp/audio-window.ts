/** A packet may sit this far ahead of wall time (a sender with a fast clock) before its stream is re-anchored. */
export const MAX_AHEAD_MS = 1000;

/**
 * The window size (a power of two) a recording needs at `sampleRate`:
 * room for the jitter delay, the allowed lead of a fast sender, and a few
 * ticks of slack.
 */
export function audioWindowSize(jitterMs: number, sampleRate: number): number {
  return 2 ** Math.ceil(Math.log2(((jitterMs + MAX_AHEAD_MS + 250) * sampleRate) / 1000));
}

/**
 * One side's decoded audio between the file's write head and a little way
 * ahead of it: a ring of frames indexed by absolute frame number. Packets
 * write into it wherever their timestamps place them; the recording takes
 * frames out in order as it writes the file, and taking zeroes them, so a
 * frame nobody wrote is silence. Memory stays fixed however long the call.
 */
export class AudioWindow {
  private readonly frames: Int16Array;
  private readonly mask: number;

  /** @param size frames held; a power of two (16384 = 2 s at 8 kHz). */
  constructor(readonly size = 16384) {
    if ((size & (size - 1)) !== 0) throw new RangeError('window size must be a power of two');
    this.frames = new Int16Array(size);
    this.mask = size - 1;
  }

  /**
   * Decodes G.711 `payload` through `table` into frames from `position` on,
   * keeping only frames in [from, from + size). Returns how many were kept.
   */
  put(position: number, payload: Uint8Array, table: Int16Array, from: number): number {
    const first = Math.max(0, from - position);
    const last = Math.min(payload.length, from + this.size - position);
    for (let i = first; i < last; i++) this.frames[(position + i) & this.mask] = table[payload[i]!]!;
    return Math.max(0, last - first);
  }

  /**
   * Adds decoded `samples` into frames from `position` on (saturating at 16
   * bits), keeping only frames in [from, from + size): two streams of one
   * party (a conference) mix; a frame nobody wrote stays silence.
   * Returns how many were kept.
   */
  addPcm(position: number, samples: Int16Array, from: number): number {
    const first = Math.max(0, from - position);
    const last = Math.min(samples.length, from + this.size - position);
    for (let i = first; i < last; i++) {
      const at = (position + i) & this.mask;
      const sum = this.frames[at]! + samples[i]!;
      this.frames[at] = sum > 32767 ? 32767 : sum < -32768 ? -32768 : sum;
    }
    return Math.max(0, last - first);
  }

  /** Moves `count` frames from `from` into `out` (every `stride`-th element from `offset`), leaving silence behind. */
  take(from: number, count: number, out: Int16Array, offset: number, stride: number): void {
    for (let i = 0; i < count; i++) {
      const at = (from + i) & this.mask;
      out[offset + i * stride] = this.frames[at]!;
      this.frames[at] = 0;
    }
  }

  /** Like take, but adds into `out` (saturating at 16 bits): mixing a second side into mono. */
  addTo(from: number, count: number, out: Int16Array): void {
    for (let i = 0; i < count; i++) {
      const at = (from + i) & this.mask;
      const sum = out[i]! + this.frames[at]!;
      out[i] = sum > 32767 ? 32767 : sum < -32768 ? -32768 : sum;
      this.frames[at] = 0;
    }
  }
}
