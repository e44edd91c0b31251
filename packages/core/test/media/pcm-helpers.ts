import type { PcmFormat, PcmSource } from '../../src/media/index.js';

/** A source over samples held in memory, handed out in chunks of `chunkFrames`. */
export function memorySource(samples: Int16Array, format: PcmFormat, chunkFrames = 1000): PcmSource {
  return {
    format,
    frames: samples.length / format.channels,
    async *chunks() {
      const step = chunkFrames * format.channels;
      for (let at = 0; at < samples.length; at += step) yield samples.slice(at, at + step);
    },
  };
}

/** `frames` frames of a sine at `frequency` (every channel the same unless `perChannel` gives each its own). */
export function sine(frames: number, frequency: number | number[], sampleRate: number, amplitude = 8000): Int16Array {
  const frequencies = Array.isArray(frequency) ? frequency : [frequency];
  const out = new Int16Array(frames * frequencies.length);
  for (let i = 0; i < frames; i++) {
    frequencies.forEach((f, c) => (out[i * frequencies.length + c] = Math.round(amplitude * Math.sin((2 * Math.PI * f * i) / sampleRate))));
  }
  return out;
}

/** Everything a source yields, joined. */
export async function drain(source: PcmSource): Promise<Int16Array> {
  const parts: Int16Array[] = [];
  for await (const chunk of source.chunks()) parts.push(chunk);
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Every byte a stream yields. */
export async function bytesOf(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** Share of the signal's energy at `frequency` (Goertzel). */
export function toneShare(samples: Int16Array, frequency: number, sampleRate: number, from = 0, count = samples.length - from): number {
  const coeff = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (let i = from; i < from + count; i++) {
    const x = samples[i]!;
    energy += x * x;
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return energy === 0 ? 0 : (2 * (s1 * s1 + s2 * s2 - coeff * s1 * s2)) / (count * energy);
}

/** SNR of `test` against `reference` in dB. */
export function snrDb(reference: Int16Array, test: Int16Array): number {
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < reference.length; i++) {
    signal += reference[i]! ** 2;
    noise += (reference[i]! - (test[i] ?? 0)) ** 2;
  }
  return 10 * Math.log10(signal / noise);
}
