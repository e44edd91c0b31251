import { open } from 'node:fs/promises';
import { frameBytes, maxWavFrames, WAV_HEADER_BYTES, wavHeader, type WavFormat } from './wav-header.js';

/** What repairWavHeader found. */
export type WavRepair = 'repaired' | 'intact';

/**
 * Makes the header of a recording cut off mid-write (the process was killed)
 * say what the file holds: the RIFF and data sizes are set to the whole
 * frames on disk, and a partial frame at the end is cut. The header is
 * rewritten whole from `format` (the one the file was created with, by
 * {@link WavWriter} or anything else writing the canonical 44-byte header),
 * so one zeroed or never written (a file that ends before 44 bytes) is
 * mended too. Nothing else of the file changes.
 * @throws NodeJS.ErrnoException when the file cannot be opened or written
 */
export async function repairWavHeader(path: string, format: WavFormat): Promise<WavRepair> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const frames = Math.min(Math.floor(Math.max(0, size - WAV_HEADER_BYTES) / frameBytes(format)), maxWavFrames(format));
    const end = WAV_HEADER_BYTES + frames * frameBytes(format);
    const expected = wavHeader(format, frames);
    const header = Buffer.alloc(WAV_HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, WAV_HEADER_BYTES, 0);
    if (bytesRead === WAV_HEADER_BYTES && header.equals(expected) && size === end) return 'intact';
    if (size > end) await handle.truncate(end);
    await handle.write(expected, 0, WAV_HEADER_BYTES, 0);
    return 'repaired';
  } finally {
    await handle.close();
  }
}
