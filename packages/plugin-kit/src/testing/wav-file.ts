import { readFileSync } from 'node:fs';

/**
 * A WAV file as a player would read it, for tests of what a recorder wrote:
 * walks the RIFF chunks itself rather than trusting the kit's header code
 * or assuming the recorder's layout.
 */
export interface WavFileContents {
  readonly size: number;
  readonly riffSize: number;
  readonly format: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly byteRate: number;
  readonly blockAlign: number;
  readonly bitsPerSample: number;
  readonly dataOffset: number;
  readonly dataSize: number;
  readonly frames: number;
  readonly durationMs: number;
  /** The `data` chunk's bytes present in the file, as stored (G.711 codes, little-endian PCM …). */
  readonly data: Buffer;
  /** 16-bit PCM only (empty otherwise): samples per channel (index 0 = left / mono). */
  readonly samples: Int16Array[];
}

/** Reads a whole WAV file. @throws Error naming the file when it is not RIFF/WAVE or lacks a fmt or data chunk */
export function readWav(path: string): WavFileContents {
  const bytes = readFileSync(path);
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path} is not RIFF/WAVE`);
  let offset = 12;
  let fmt: Buffer | undefined;
  let data: { offset: number; size: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') fmt = bytes.subarray(offset + 8, offset + 8 + size);
    if (id === 'data') data = { offset: offset + 8, size };
    offset += 8 + size + (size % 2);
  }
  if (!fmt || !data) throw new Error(`${path} lacks a fmt or data chunk`);
  const channels = fmt.readUInt16LE(2);
  const sampleRate = fmt.readUInt32LE(4);
  const blockAlign = fmt.readUInt16LE(12);
  const frames = Math.floor(Math.min(data.size, bytes.length - data.offset) / blockAlign);
  const pcm16 = fmt.readUInt16LE(0) === 1 && fmt.readUInt16LE(14) === 16;
  const samples = pcm16 ? Array.from({ length: channels }, () => new Int16Array(frames)) : [];
  for (let f = 0; pcm16 && f < frames; f++) {
    for (let c = 0; c < channels; c++) samples[c]![f] = bytes.readInt16LE(data.offset + f * blockAlign + c * 2);
  }
  return {
    size: bytes.length,
    riffSize: bytes.readUInt32LE(4),
    format: fmt.readUInt16LE(0),
    channels,
    sampleRate,
    byteRate: fmt.readUInt32LE(8),
    blockAlign,
    bitsPerSample: fmt.readUInt16LE(14),
    dataOffset: data.offset,
    dataSize: data.size,
    frames,
    durationMs: (frames / sampleRate) * 1000,
    data: bytes.subarray(data.offset, data.offset + frames * blockAlign),
    samples,
  };
}
