import type { PcmFormat } from './pcm-source.js';

/** How a WAV file's samples are coded; the exporter decodes each to 16-bit PCM. */
export type WavEncoding = 'pcm16' | 'pcm8' | 'alaw' | 'mulaw';

/** What a WAV header says about the audio in the file. */
export interface WavInfo extends PcmFormat {
  readonly encoding: WavEncoding;
  /** Bytes per sample of one channel in the file. */
  readonly bytesPerSample: number;
  /** Byte offset of the first sample (the start of the `data` chunk's body). */
  readonly dataOffset: number;
  /** Bytes of sample data, as the `data` chunk declares it. */
  readonly dataBytes: number;
}

/** Why a file is not a WAV file the exporter can read. */
export class WavFormatError extends Error {
  override readonly name = 'WavFormatError';
}

/** Bytes of the canonical header {@link wavHeader} writes. */
export const WAV_HEADER_BYTES = 44;

const FORMAT_PCM = 1;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;

/**
 * Reads the RIFF chunks at the start of a WAV file up to the `data` chunk.
 * `head` must hold at least that much (a few hundred bytes for any file a
 * recorder writes; callers read more when {@link WavHeaderIncomplete} is
 * thrown). Accepts 16-bit and 8-bit PCM, A-law and µ-law, plain or in
 * WAVE_FORMAT_EXTENSIBLE, mono or stereo.
 */
export function parseWavHeader(head: Buffer): WavInfo {
  if (head.length < 12) throw new WavHeaderIncomplete(12);
  if (head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') {
    throw new WavFormatError('not a RIFF/WAVE file');
  }
  let at = 12;
  let fmt: Omit<WavInfo, 'dataOffset' | 'dataBytes'> | undefined;
  for (;;) {
    if (at + 8 > head.length) throw new WavHeaderIncomplete(at + 8);
    const id = head.toString('latin1', at, at + 4);
    const size = head.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'data') {
      if (!fmt) throw new WavFormatError('the data chunk comes before the fmt chunk');
      return { ...fmt, dataOffset: body, dataBytes: size };
    }
    if (id === 'fmt ') {
      if (body + Math.min(size, 40) > head.length) throw new WavHeaderIncomplete(body + Math.min(size, 40));
      fmt = readFmt(head, body, size);
    }
    // Chunks are padded to an even length.
    at = body + size + (size & 1);
  }
}

/** Thrown by {@link parseWavHeader} when the header continues past the bytes given. */
export class WavHeaderIncomplete extends Error {
  override readonly name = 'WavHeaderIncomplete';
  constructor(readonly needed: number) {
    super(`the WAV header needs at least ${needed} bytes`);
  }
}

function readFmt(head: Buffer, at: number, size: number): Omit<WavInfo, 'dataOffset' | 'dataBytes'> {
  if (size < 16) throw new WavFormatError(`fmt chunk of ${size} bytes is too short`);
  let tag = head.readUInt16LE(at);
  const channels = head.readUInt16LE(at + 2);
  const sampleRate = head.readUInt32LE(at + 4);
  const bits = head.readUInt16LE(at + 14);
  // WAVE_FORMAT_EXTENSIBLE carries the real format in the first two bytes of its sub-format GUID.
  if (tag === FORMAT_EXTENSIBLE && size >= 40) tag = head.readUInt16LE(at + 24);
  if (channels !== 1 && channels !== 2) throw new WavFormatError(`${channels} channels; only mono and stereo are exported`);
  if (sampleRate < 1000 || sampleRate > 192000) throw new WavFormatError(`sample rate ${sampleRate} Hz is out of range`);
  const encoding = encodingOf(tag, bits);
  return { encoding, channels, sampleRate, bytesPerSample: encoding === 'pcm16' ? 2 : 1 };
}

function encodingOf(tag: number, bits: number): WavEncoding {
  if (tag === FORMAT_PCM && bits === 16) return 'pcm16';
  if (tag === FORMAT_PCM && bits === 8) return 'pcm8';
  if (tag === FORMAT_ALAW && bits === 8) return 'alaw';
  if (tag === FORMAT_MULAW && bits === 8) return 'mulaw';
  throw new WavFormatError(`WAV format tag ${tag} with ${bits}-bit samples is not supported (16/8-bit PCM, A-law, µ-law are)`);
}

/**
 * A canonical 44-byte header for `frames` frames of 16-bit PCM. RIFF sizes
 * are 32-bit: longer audio (over 6 days at 8 kHz mono) is refused rather
 * than written with a wrapped size.
 */
export function wavHeader(format: PcmFormat, frames: number): Buffer {
  const blockAlign = format.channels * 2;
  const dataBytes = frames * blockAlign;
  if (dataBytes > 0xffffffff - 36) throw new WavFormatError(`${dataBytes} bytes of audio do not fit in a WAV file`);
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(FORMAT_PCM, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}
