/** A WAV file read from bytes by the tests, independently of the exporter's reader. */
export interface WavBytes {
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  readonly formatTag: number;
  /** Declared data chunk size. */
  readonly dataBytes: number;
  readonly data: Buffer;
  readonly frames: number;
  readonly durationMs: number;
  /** Samples per channel. */
  readonly channel: (index: number) => Int16Array;
}

/** Parses a RIFF/WAVE file of 16-bit PCM (walks the chunks to `data`). */
export function readWavBytes(file: Buffer): WavBytes {
  if (file.toString('latin1', 0, 4) !== 'RIFF' || file.toString('latin1', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let at = 12;
  let fmt: { formatTag: number; channels: number; sampleRate: number; bitsPerSample: number } | undefined;
  while (at + 8 <= file.length) {
    const id = file.toString('latin1', at, at + 4);
    const size = file.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      fmt = { formatTag: file.readUInt16LE(at + 8), channels: file.readUInt16LE(at + 10), sampleRate: file.readUInt32LE(at + 12), bitsPerSample: file.readUInt16LE(at + 22) };
    }
    if (id === 'data') {
      if (!fmt) throw new Error('data before fmt');
      const data = file.subarray(at + 8, at + 8 + size);
      const f = fmt;
      const frames = data.length / (f.channels * 2);
      return {
        ...f,
        dataBytes: size,
        data,
        frames,
        durationMs: (frames * 1000) / f.sampleRate,
        channel: (index) => Int16Array.from({ length: frames }, (_, i) => data.readInt16LE((i * f.channels + index) * 2)),
      };
    }
    at += 8 + size + (size & 1);
  }
  throw new Error('no data chunk');
}

/** Share of a block's energy at `frequency` (Goertzel): ~1 for a pure tone at it, ~0 otherwise. */
export function toneShare(samples: Int16Array, frequency: number, sampleRate: number, from = 0, count = samples.length - from): number {
  const coeff = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (let i = from; i < from + count; i++) {
    const x = samples[i]!;
    energy += x * x;
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  if (energy === 0) return 0;
  return (2 * (s1 * s1 + s2 * s2 - coeff * s1 * s2)) / (count * energy);
}

/**
 * The median tone share over `blocks` consecutive 20 ms blocks from `from`:
 * robust to a packet the network (or a busy test machine) lost, which the
 * recorder rightly writes as silence.
 */
export function medianToneShare(samples: Int16Array, frequency: number, sampleRate: number, from: number, blocks: number): number {
  const size = sampleRate / 50;
  const shares = Array.from({ length: blocks }, (_, k) => toneShare(samples, frequency, sampleRate, from + k * size, size)).sort((a, b) => a - b);
  return shares[Math.floor(blocks / 2)]!;
}

/** Signal-to-noise ratio of `test` against `reference` over their common length, in dB. */
export function snrDb(reference: Int16Array, test: Int16Array): number {
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < Math.min(reference.length, test.length); i++) {
    signal += reference[i]! ** 2;
    noise += (reference[i]! - test[i]!) ** 2;
  }
  return 10 * Math.log10(signal / noise);
}

/** The first sample whose magnitude reaches `level`: where the RTP began in a recording. */
export function onset(samples: Int16Array, level = 1000): number {
  const at = samples.findIndex((x) => Math.abs(x) >= level);
  if (at === -1) throw new Error('no sound in the recording');
  return at;
}
