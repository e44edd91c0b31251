import { readFileSync } from 'node:fs';

/** A WAV file as a player would read it: walks the RIFF chunks rather than assuming the recorder's layout. */
export interface WavFile {
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
  /** Samples per channel (index 0 = left / mono). */
  readonly samples: Int16Array[];
}

export function readWav(path: string): WavFile {
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
  const samples = Array.from({ length: channels }, () => new Int16Array(frames));
  for (let f = 0; f < frames; f++) {
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
    samples,
  };
}
