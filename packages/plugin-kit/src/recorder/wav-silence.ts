import { open, type FileHandle } from 'node:fs/promises';
import { readWavFileInfo } from './wav-file-info.js';
import { silenceByte, WavFormatError, type WavEncoding } from './wav-header.js';

const BLOCK_BYTES = 64 * 1024;

/**
 * Writes silence of `encoding` over bytes [from, to) of a file, in place, a
 * block at a time. The byte offsets are the caller's (a WAV file's data
 * starts after its header).
 */
export async function writeSilence(handle: FileHandle, encoding: WavEncoding | undefined, from: number, to: number): Promise<void> {
  const block = Buffer.alloc(Math.min(BLOCK_BYTES, Math.max(0, to - from)), silenceByte(encoding));
  for (let at = from; at < to; at += block.length) {
    await handle.write(block, 0, Math.min(block.length, to - at), at);
  }
}

/**
 * Overwrites [fromMs, toMs) of a finished recording with silence, in place:
 * the silent samples go at the span's offset, nothing else of the file
 * changes. The span is clipped to the file's audio. Returns the bytes
 * overwritten.
 * @throws Error naming the file when it is not a WAV file
 */
export async function silenceWavFile(path: string, fromMs: number, toMs: number): Promise<number> {
  const handle = await open(path, 'r+');
  try {
    const { info, dataBytes } = await readWavFileInfo(handle).catch((err: unknown) => {
      throw err instanceof WavFormatError ? new Error(`${path} is not a WAV file: ${err.message}`) : err;
    });
    const frameBytes = info.channels * info.bytesPerSample;
    const byteAt = (ms: number) => Math.min(Math.max(0, Math.round((ms * info.sampleRate) / 1000)) * frameBytes, dataBytes);
    const from = byteAt(fromMs);
    const to = byteAt(toMs);
    await writeSilence(handle, info.encoding, info.dataOffset + from, info.dataOffset + to);
    return Math.max(0, to - from);
  } finally {
    await handle.close();
  }
}
