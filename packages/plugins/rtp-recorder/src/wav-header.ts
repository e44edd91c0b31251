/** Bytes of the canonical PCM WAV header this recorder writes (RIFF, fmt, data). */
export const WAV_HEADER_BYTES = 44;

/** The PCM format of a recording: 16-bit samples, one or two channels. */
export interface WavFormat {
  readonly channels: number;
  readonly sampleRate: number;
}

/** Bytes per frame (one sample of every channel). */
export function blockAlign(format: WavFormat): number {
  return format.channels * 2;
}

/** A 44-byte header for `dataBytes` of 16-bit PCM audio (sizes clamp at the format's 4 GiB limit). */
export function wavHeader(format: WavFormat, dataBytes: number): Buffer {
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  const data = Math.min(dataBytes, 0xffffffff - 36);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * blockAlign(format), 28);
  header.writeUInt16LE(blockAlign(format), 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data, 40);
  return header;
}

/** Reads a header written by wavHeader; undefined for anything else. */
export function readWavHeader(header: Buffer): (WavFormat & { readonly dataBytes: number }) | undefined {
  if (header.length < WAV_HEADER_BYTES) return undefined;
  const canonical =
    header.toString('ascii', 0, 4) === 'RIFF' && header.toString('ascii', 8, 16) === 'WAVEfmt ' &&
    header.readUInt16LE(20) === 1 && header.readUInt16LE(34) === 16 && header.toString('ascii', 36, 40) === 'data';
  if (!canonical) return undefined;
  return { channels: header.readUInt16LE(22), sampleRate: header.readUInt32LE(24), dataBytes: header.readUInt32LE(40) };
}
