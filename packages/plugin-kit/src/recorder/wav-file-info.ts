import type { FileHandle } from 'node:fs/promises';
import { parseWavHeader, WavFormatError, WavHeaderIncomplete, type WavInfo } from './wav-header.js';

/** Largest header (RIFF chunks before `data`) read before giving up on a file. */
const MAX_HEADER_BYTES = 1024 * 1024;

/** A WAV file's header, and the audio actually in the file. */
export interface WavFileInfo {
  readonly info: WavInfo;
  /** Bytes of sample data present, in whole frames. */
  readonly dataBytes: number;
}

/**
 * Reads and checks the header of an open WAV file. A `data` size of 0 or
 * one past the end of the file (a recorder that died before fixing its
 * header) is taken to mean "to the end of the file", so such a recording
 * still plays, exports and can be silenced.
 * @throws WavFormatError when it is not a WAV file the rules allow
 */
export async function readWavFileInfo(handle: FileHandle): Promise<WavFileInfo> {
  const { size } = await handle.stat();
  let length = Math.min(size, 4096);
  for (;;) {
    const head = Buffer.alloc(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    try {
      const info = parseWavHeader(head.subarray(0, bytesRead));
      const present = size - info.dataOffset;
      const declared = info.dataBytes === 0 || info.dataBytes > present ? present : info.dataBytes;
      return { info, dataBytes: declared - (declared % (info.channels * info.bytesPerSample)) };
    } catch (err) {
      if (!(err instanceof WavHeaderIncomplete)) throw err;
      if (err.needed > size || length >= MAX_HEADER_BYTES) throw new WavFormatError('the file ends inside its WAV header');
      length = Math.min(size, MAX_HEADER_BYTES, Math.max(err.needed, length * 4));
    }
  }
}
