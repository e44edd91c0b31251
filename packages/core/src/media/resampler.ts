import type { PcmSource } from './pcm-source.js';

/** Taps on each side of the filter's centre, counted at the lower of the two rates. */
const HALF_TAPS = 12;
/** Passband edge as a fraction of the lower rate's Nyquist frequency (the rest is the transition band). */
const CUTOFF = 0.92;
/** Input frames buffered between refills. */
const BLOCK_FRAMES = 4096;

/**
 * Frames a resampled stream has: ⌈frames × to / from⌉, exactly. Joined
 * exports compute their WAV header from this before any audio is read, so
 * the resampler pads or stops to land on it.
 */
export function resampledFrames(frames: number, from: number, to: number): number {
  const g = gcd(from, to);
  const up = to / g;
  const down = from / g;
  return Math.floor((frames * up + down - 1) / down);
}

/**
 * Changes a source's sample rate with a windowed-sinc (Blackman) polyphase
 * filter, one rational step `from → to`: good enough for speech in both
 * directions (8 → 6 kHz for VOX, 8 → 16 kHz to join with a wideband file).
 * Streams: keeps only the filter's span of input between chunks.
 */
export function resample(source: PcmSource, to: number): PcmSource {
  const from = source.format.sampleRate;
  if (from === to) return source;
  const g = gcd(from, to);
  const up = to / g;
  const down = from / g;
  const channels = source.format.channels;
  const frames = resampledFrames(source.frames, from, to);
  const { table, reach } = filterTable(up, down);
  const width = 2 * reach;
  return {
    format: { sampleRate: to, channels },
    frames,
    async *chunks() {
      // Input frames from absolute index `start` (negative indices are the silence before the audio).
      let buffer = new Float32Array((reach - 1 + BLOCK_FRAMES) * channels);
      let start = -(reach - 1);
      let length = reach - 1;
      let k = 0;
      const input = source.chunks()[Symbol.asyncIterator]();
      let ended = false;
      while (k < frames) {
        const block: number[] = [];
        // Emit every output whose filter span is buffered.
        for (;;) {
          if (k >= frames) break;
          const position = k * down;
          const base = Math.floor(position / up);
          const last = base + reach; // newest input frame the filter touches
          if (last >= start + length) break;
          const row = table[position % up]!;
          const first = (base - reach + 1 - start) * channels;
          for (let c = 0; c < channels; c++) {
            let sum = 0;
            for (let j = 0, at = first + c; j < width; j++, at += channels) sum += row[j]! * buffer[at]!;
            block.push(sum);
          }
          k++;
        }
        if (block.length > 0) yield toInt16(block);
        if (k >= frames) break;
        // Drop input no later output needs, then refill (zeros past the end of the source).
        const keepFrom = Math.max(start, Math.floor((k * down) / up) - reach + 1);
        const drop = keepFrom - start;
        const next = ended ? undefined : await input.next();
        let incoming: Float32Array | Int16Array;
        if (next === undefined || next.done) {
          ended = true;
          incoming = new Float32Array((reach + 1) * channels);
        } else incoming = next.value;
        const kept = (length - drop) * channels;
        if (buffer.length < kept + incoming.length) {
          const grown = new Float32Array(kept + incoming.length);
          grown.set(buffer.subarray(drop * channels, drop * channels + kept));
          buffer = grown;
        } else buffer.copyWithin(0, drop * channels, drop * channels + kept);
        buffer.set(incoming, kept);
        start += drop;
        length = length - drop + incoming.length / channels;
      }
      if (!ended) await input.return?.();
    },
  };
}

/** One row of coefficients per filter phase; each row sums to 1 (unity gain at DC). */
function filterTable(up: number, down: number): { table: Float64Array[]; reach: number } {
  // In input-sample units: cutoff relative to the input's Nyquist, span widened when decimating.
  const cutoff = CUTOFF * Math.min(1, up / down);
  const halfSpan = HALF_TAPS / Math.min(1, up / down);
  const reach = Math.ceil(halfSpan);
  const table: Float64Array[] = [];
  for (let phase = 0; phase < up; phase++) {
    const frac = phase / up;
    const row = new Float64Array(2 * reach);
    let sum = 0;
    for (let j = -reach + 1; j <= reach; j++) {
      const t = frac - j;
      const value = Math.abs(t) >= halfSpan ? 0 : cutoff * sinc(cutoff * t) * blackman(t / halfSpan);
      row[j + reach - 1] = value;
      sum += value;
    }
    for (let i = 0; i < row.length; i++) row[i] = row[i]! / sum;
    table.push(row);
  }
  return { table, reach };
}

function sinc(x: number): number {
  return x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
}

/** Blackman window over [-1, 1]. */
function blackman(x: number): number {
  return 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
}

function toInt16(values: number[]): Int16Array {
  const out = new Int16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(values[i]!);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
