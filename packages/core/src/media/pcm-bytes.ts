import { endianness } from 'node:os';
import type { PcmSource } from './pcm-source.js';

const LITTLE_ENDIAN = endianness() === 'LE';

/** Samples as the little-endian bytes WAV stores (a view, not a copy, on little-endian machines). */
export function int16Bytes(samples: Int16Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const bytes = Buffer.alloc(samples.byteLength);
  for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i]!, i * 2);
  return bytes;
}

/**
 * The source cut or padded with silence to exactly `source.frames` frames.
 * Encoders write lengths into headers before the audio is read; if a file
 * changes size while it is being read, the output still matches its header.
 */
export function exactFrames(source: PcmSource): PcmSource {
  const { channels } = source.format;
  const total = source.frames;
  return {
    format: source.format,
    frames: total,
    async *chunks() {
      let sent = 0;
      for await (const chunk of source.chunks()) {
        const frames = Math.min(chunk.length / channels, total - sent);
        if (frames <= 0) break;
        yield frames * channels === chunk.length ? chunk : chunk.subarray(0, frames * channels);
        sent += frames;
      }
      for (let left = total - sent; left > 0; left -= 8192) yield new Int16Array(Math.min(left, 8192) * channels);
    },
  };
}
