import { VOX_SAMPLE_RATES, type VoxSampleRate } from './vox-encoder.js';

/** The MEDIA_FORMAT values the manual lists for EXPORT and EMAIL. */
export const MEDIA_FORMATS = ['wav', 'mp3', 'vox', 'cav'] as const;
export type MediaFormat = (typeof MEDIA_FORMATS)[number];

/** A MEDIA_FORMAT value (any case, surrounding spaces ignored), or undefined when it names none. */
export function mediaFormatOf(value: string): MediaFormat | undefined {
  const format = value.trim().toLowerCase();
  return (MEDIA_FORMATS as readonly string[]).includes(format) ? (format as MediaFormat) : undefined;
}

/** How to encode an export. */
export interface ExportEncoding {
  readonly format: MediaFormat;
  /** VOX only: 6000 or 8000 (default 8000). */
  readonly voxSampleRate?: VoxSampleRate;
  /** CAV only: encrypt with this password. */
  readonly password?: string;
}

/** A SAMPLERATE value for VOX: `6000`/`8000`, also `6k`/`8k` and `6`/`8`; undefined for anything else. */
export function voxSampleRateOf(value: string): VoxSampleRate | undefined {
  const match = /^(6|8)(?:000|k)?$/i.exec(value.trim());
  const rate = match ? Number(match[1]) * 1000 : undefined;
  return VOX_SAMPLE_RATES.find((r) => r === rate);
}
