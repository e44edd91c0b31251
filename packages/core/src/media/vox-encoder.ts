import { convertSource } from './convert-source.js';
import { DialogicAdpcmEncoder } from './dialogic-adpcm.js';
import { streamOf, type EncodedMedia } from './encoded-media.js';
import { exactFrames } from './pcm-bytes.js';
import type { PcmSource } from './pcm-source.js';

/** The rates VOX files are played at (Dialogic boards: 6 kHz and 8 kHz). */
export const VOX_SAMPLE_RATES = [6000, 8000] as const;
export type VoxSampleRate = (typeof VOX_SAMPLE_RATES)[number];

/**
 * VOX: Dialogic ADPCM, mono, at 6000 or 8000 samples per second, no header.
 * A stereo recording is mixed down (both parties stay audible) and the
 * audio is resampled when the recording has another rate. Its length is
 * ⌈samples / 2⌉ bytes, known before encoding.
 */
export function encodeVox(input: PcmSource, sampleRate: VoxSampleRate): EncodedMedia {
  const source = exactFrames(convertSource(input, { sampleRate, channels: 1 }));
  const { frames } = source;
  return {
    contentType: 'audio/x-vox',
    extension: 'vox',
    byteLength: Math.ceil(frames / 2),
    open: () =>
      streamOf(async function* () {
        const encoder = new DialogicAdpcmEncoder();
        for await (const chunk of source.chunks()) yield encoder.encode(chunk);
        yield encoder.flush();
      }),
  };
}
