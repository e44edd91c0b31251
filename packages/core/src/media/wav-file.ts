import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { endianness } from 'node:os';
import { ALAW_TO_LINEAR, readWavFileInfo, ULAW_TO_LINEAR, type WavInfo } from '@callwire/plugin-kit';
import type { PcmSource } from './pcm-source.js';

const LITTLE_ENDIAN = endianness() === 'LE';
/** Bytes read from disk at a time while streaming samples. */
const READ_CHUNK_BYTES = 64 * 1024;

/**
 * A WAV file on disk, its header read and checked, its samples readable as a
 * {@link PcmSource} in 64 KiB chunks. A `data` size of 0 or one past the end
 * of the file (a recorder that died before fixing its header) is taken to
 * mean "to the end of the file", so such a recording still exports.
 */
export class WavFile {
  private constructor(
    readonly path: string,
    readonly info: WavInfo,
    /** Bytes of sample data actually present, in whole frames. */
    readonly dataBytes: number,
  ) {}

  /**
   * Opens and checks `path`.
   * @throws NodeJS.ErrnoException (ENOENT…) when the file cannot be read
   * @throws WavFormatError when it is not a WAV file the exporter reads
   */
  static async open(path: string): Promise<WavFile> {
    const handle = await open(path, 'r');
    try {
      const { info, dataBytes } = await readWavFileInfo(handle);
      return new WavFile(path, info, dataBytes);
    } finally {
      await handle.close();
    }
  }

  /** Frames of audio in the file. */
  get frames(): number {
    return this.dataBytes / (this.info.channels * this.info.bytesPerSample);
  }

  /** The file's samples as 16-bit PCM, read from disk as they are consumed. */
  source(): PcmSource {
    const { path, info, dataBytes } = this;
    return {
      format: { sampleRate: info.sampleRate, channels: info.channels },
      frames: this.frames,
      async *chunks() {
        if (dataBytes === 0) return;
        const stream = createReadStream(path, { start: info.dataOffset, end: info.dataOffset + dataBytes - 1, highWaterMark: READ_CHUNK_BYTES });
        const decode = decoderFor(info);
        const frameBytes = info.channels * info.bytesPerSample;
        let carry: Buffer = Buffer.alloc(0);
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
          const whole = bytes.length - (bytes.length % frameBytes);
          carry = bytes.subarray(whole);
          if (whole > 0) yield decode(bytes.subarray(0, whole));
        }
      },
    };
  }
}

/** Turns raw sample bytes (whole frames) into 16-bit samples. */
function decoderFor(info: WavInfo): (bytes: Buffer) => Int16Array {
  switch (info.encoding) {
    case 'pcm16':
      return (bytes) => {
        // One copy into a fresh, aligned buffer; the read stream's buffers may be unaligned or pooled.
        const copy = new Uint8Array(bytes);
        const samples = new Int16Array(copy.buffer, 0, copy.length / 2);
        if (!LITTLE_ENDIAN) for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
        return samples;
      };
    case 'pcm8':
      return (bytes) => Int16Array.from(bytes, (b) => (b - 128) << 8);
    case 'alaw':
      return (bytes) => Int16Array.from(bytes, (b) => ALAW_TO_LINEAR[b]!);
    case 'mulaw':
      return (bytes) => Int16Array.from(bytes, (b) => ULAW_TO_LINEAR[b]!);
  }
}
