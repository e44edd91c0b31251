/** The shape of linear PCM audio: frames per second and samples per frame. */
export interface PcmFormat {
  readonly sampleRate: number;
  /** 1 (mono) or 2 (stereo: left, right interleaved). */
  readonly channels: number;
}

/**
 * 16-bit linear PCM audio that can be read once, front to back, in chunks.
 * Everything the exporter does — transcoding, joining, resampling — is a
 * PcmSource wrapping another, so a recording of any length flows through a
 * few chunk-sized buffers and never sits in memory whole.
 */
export interface PcmSource {
  readonly format: PcmFormat;
  /** Frames (one sample of every channel) the chunks will add up to, exactly. */
  readonly frames: number;
  /** Interleaved samples, whole frames per chunk, `frames` frames in all. */
  chunks(): AsyncIterable<Int16Array>;
}

/** The duration of `frames` frames at `format`'s rate, in milliseconds. */
export function durationMs(frames: number, format: PcmFormat): number {
  return (frames * 1000) / format.sampleRate;
}
