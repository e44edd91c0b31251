import type { PcmFormat, PcmSource } from './pcm-source.js';

/**
 * One source playing `sources` back to back. They must already share a
 * format (see convertSource); each is opened only when the one before has
 * been read to its end.
 */
export function concatSources(sources: readonly PcmSource[], format: PcmFormat): PcmSource {
  for (const source of sources) {
    if (source.format.sampleRate !== format.sampleRate || source.format.channels !== format.channels) {
      throw new RangeError(`cannot join ${source.format.channels}ch ${source.format.sampleRate} Hz audio into ${format.channels}ch ${format.sampleRate} Hz`);
    }
  }
  return {
    format,
    frames: sources.reduce((sum, source) => sum + source.frames, 0),
    async *chunks() {
      for (const source of sources) yield* source.chunks();
    },
  };
}
