import { open } from 'node:fs/promises';
import { blockAlign, readWavHeader, WAV_HEADER_BYTES } from './wav-header.js';

const ZEROS = Buffer.alloc(64 * 1024);

/**
 * Overwrites [fromMs, toMs) of a finished recording with silence, in place:
 * the zeros go at the span's offset, nothing else of the file changes. The
 * span is clipped to the file's audio. Returns the bytes overwritten.
 * @throws Error when the file is not a WAV this recorder wrote
 */
export async function silenceWavFile(path: string, fromMs: number, toMs: number): Promise<number> {
  const handle = await open(path, 'r+');
  try {
    const header = Buffer.alloc(WAV_HEADER_BYTES);
    await handle.read(header, 0, WAV_HEADER_BYTES, 0);
    const format = readWavHeader(header);
    if (!format) throw new Error(`${path} is not a 16-bit PCM WAV file written by the rtp-recorder`);
    const frameBytes = blockAlign(format);
    const frameAt = (ms: number) => Math.round((ms * format.sampleRate) / 1000);
    const from = Math.min(Math.max(0, frameAt(fromMs)) * frameBytes, format.dataBytes);
    const to = Math.min(Math.max(0, frameAt(toMs)) * frameBytes, format.dataBytes);
    for (let at = from; at < to; at += ZEROS.length) {
      await handle.write(ZEROS, 0, Math.min(ZEROS.length, to - at), WAV_HEADER_BYTES + at);
    }
    return Math.max(0, to - from);
  } finally {
    await handle.close();
  }
}
