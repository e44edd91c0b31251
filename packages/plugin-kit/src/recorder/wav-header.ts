/**
 * The WAV header rules Callwire writes and reads by: recorders write the
 * canonical 44-byte header (RIFF, `fmt `, `data`), the exporter reads that
 * and any other RIFF/WAVE layout. Samples are 16-bit or 8-bit linear PCM,
 * or 8-bit G.711 (A-law, µ-law, as a PBX sends them); mono or stereo; 1 to
 * 192 kHz. RIFF sizes are 32-bit, so a file holds at most
 * {@link WAV_MAX_DATA_BYTES} of audio.
 */

/** How a WAV file's samples are coded. */
export type WavEncoding = 'pcm16' | 'pcm8' | 'alaw' | 'mulaw';

/** The audio a WAV file holds: frames per second, samples per frame, and their coding (default 16-bit PCM). */
export interface WavFormat {
  readonly sampleRate: number;
  /** 1 (mono) or 2 (stereo: left, right interleaved). */
  readonly channels: number;
  readonly encoding?: WavEncoding;
}

/** What a WAV header says about the audio in the file. */
export interface WavInfo {
  readonly encoding: WavEncoding;
  readonly sampleRate: number;
  readonly channels: number;
  /** Bytes per sample of one channel in the file. */
  readonly bytesPerSample: number;
  /** Byte offset of the first sample (the start of the `data` chunk's body). */
  readonly dataOffset: number;
  /** Bytes of sample data, as the `data` chunk declares it. */
  readonly dataBytes: number;
}

/** Why a file is not a WAV file these rules allow, or a format they cannot write. */
export class WavFormatError extends Error {
  override readonly name = 'WavFormatError';
}

/** Thrown by {@link parseWavHeader} when the header continues past the bytes given. */
export class WavHeaderIncomplete extends Error {
  override readonly name = 'WavHeaderIncomplete';
  constructor(readonly needed: number) {
    super(`the WAV header needs at least ${needed} bytes`);
  }
}

/** Bytes of the canonical header {@link wavHeader} writes. */
export const WAV_HEADER_BYTES = 44;
/** The most audio a WAV file can hold: its RIFF size (data + 36) is a 32-bit number. */
export const WAV_MAX_DATA_BYTES = 0xffffffff - 36;

const FORMAT_EXTENSIBLE = 0xfffe;

/** Each encoding's WAVE format tag, bits per sample, and the byte a silent sample is. */
const ENCODINGS: Readonly<Record<WavEncoding, { readonly tag: number; readonly bits: number; readonly silence: number }>> = {
  pcm16: { tag: 1, bits: 16, silence: 0 },
  pcm8: { tag: 1, bits: 8, silence: 0x80 },
  alaw: { tag: 6, bits: 8, silence: 0xd5 },
  mulaw: { tag: 7, bits: 8, silence: 0xff },
};

/** Bytes of one frame (one sample of every channel). */
export function frameBytes(format: WavFormat): number {
  return format.channels * (ENCODINGS[format.encoding ?? 'pcm16'].bits / 8);
}

/** The byte every sample byte of silence is in `encoding` (0 for 16-bit PCM, 0xFF for µ-law …). */
export function silenceByte(encoding: WavEncoding = 'pcm16'): number {
  return ENCODINGS[encoding].silence;
}

/** The most frames a WAV file of `format` can hold. */
export function maxWavFrames(format: WavFormat): number {
  return Math.floor(WAV_MAX_DATA_BYTES / frameBytes(format));
}

/**
 * The canonical 44-byte header for `frames` frames of `format`.
 * @throws WavFormatError for a format outside the rules, or more audio than a WAV file holds
 */
export function wavHeader(format: WavFormat, frames: number): Buffer {
  checkFormat(format.channels, format.sampleRate);
  const { tag, bits } = ENCODINGS[format.encoding ?? 'pcm16'];
  const blockAlign = frameBytes(format);
  const dataBytes = frames * blockAlign;
  if (dataBytes > WAV_MAX_DATA_BYTES) throw new WavFormatError(`${dataBytes} bytes of audio do not fit in a WAV file`);
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(tag, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(bits, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/**
 * Reads the RIFF chunks at the start of a WAV file up to the `data` chunk.
 * `head` must hold at least that much (a few hundred bytes for any file a
 * recorder writes; callers read more when {@link WavHeaderIncomplete} is
 * thrown). Reads every encoding of the rules, plain or in
 * WAVE_FORMAT_EXTENSIBLE.
 * @throws WavFormatError when it is not a WAV file the rules allow
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

function readFmt(head: Buffer, at: number, size: number): Omit<WavInfo, 'dataOffset' | 'dataBytes'> {
  if (size < 16) throw new WavFormatError(`fmt chunk of ${size} bytes is too short`);
  let tag = head.readUInt16LE(at);
  const channels = head.readUInt16LE(at + 2);
  const sampleRate = head.readUInt32LE(at + 4);
  const bits = head.readUInt16LE(at + 14);
  // WAVE_FORMAT_EXTENSIBLE carries the real format in the first two bytes of its sub-format GUID.
  if (tag === FORMAT_EXTENSIBLE && size >= 40) tag = head.readUInt16LE(at + 24);
  checkFormat(channels, sampleRate);
  const encoding = (Object.keys(ENCODINGS) as WavEncoding[]).find((name) => ENCODINGS[name].tag === tag && ENCODINGS[name].bits === bits);
  if (!encoding) throw new WavFormatError(`WAV format tag ${tag} with ${bits}-bit samples is not supported (16/8-bit PCM, A-law, µ-law are)`);
  return { encoding, channels, sampleRate, bytesPerSample: bits / 8 };
}

function checkFormat(channels: number, sampleRate: number): void {
  if (channels !== 1 && channels !== 2) throw new WavFormatError(`${channels} channels; only mono and stereo WAV files are supported`);
  if (!Number.isInteger(sampleRate) || sampleRate < 1000 || sampleRate > 192000) throw new WavFormatError(`sample rate ${sampleRate} Hz is out of range`);
}
