import { WAV_HEADER_BYTES, wavHeader } from '@callwire/plugin-kit';
import { streamOf, type EncodedMedia } from './encoded-media.js';
import { exactFrames, int16Bytes } from './pcm-bytes.js';
import type { PcmSource } from './pcm-source.js';

/** 16-bit PCM WAV with a canonical 44-byte header; its length is known before the audio is read. */
export function encodeWav(source: PcmSource): EncodedMedia {
  const exact = exactFrames(source);
  const header = wavHeader(source.format, source.frames);
  return {
    contentType: 'audio/wav',
    extension: 'wav',
    byteLength: WAV_HEADER_BYTES + source.frames * source.format.channels * 2,
    open: () =>
      streamOf(async function* () {
        yield header;
        for await (const chunk of exact.chunks()) yield int16Bytes(chunk);
      }),
  };
}
