import type { Recording } from '../storage/index.js';
import type { CavMetadata, CavRecording } from './cav-format.js';
import { durationMs, type PcmFormat } from './pcm-source.js';

/** One recording's place in an archive's audio, in frames of the archive's format. */
export interface CavSegment {
  readonly recording: Recording;
  readonly frames: number;
}

/**
 * The JSON of a CAV: the audio's shape, then each recording's full row with
 * where it starts in the audio and its blackout spans both as stored (ms
 * since the epoch) and as offsets into the audio, so a player can mark them
 * without knowing when the call happened.
 */
export function cavMetadata(segments: readonly CavSegment[], format: PcmFormat, wavBytes: number, exportedAt: number): CavMetadata {
  let offsetFrames = 0;
  const recordings: CavRecording[] = segments.map(({ recording, frames }) => {
    const offsetMs = durationMs(offsetFrames, format);
    offsetFrames += frames;
    const relative = (time: number) => offsetMs + (time - recording.start_time);
    return {
      ...recording,
      offsetMs,
      durationMs: durationMs(frames, format),
      blackouts: recording.blackouts.map((span) => ({
        start: span.start,
        stop: span.stop,
        startOffsetMs: relative(span.start),
        stopOffsetMs: span.stop === null ? null : relative(span.stop),
      })),
    };
  });
  return {
    format: 'callwire-cav',
    version: 1,
    exportedAt: new Date(exportedAt).toISOString(),
    audio: {
      container: 'wav',
      encoding: 'pcm_s16le',
      sampleRate: format.sampleRate,
      channels: format.channels,
      frames: offsetFrames,
      durationMs: durationMs(offsetFrames, format),
      bytes: wavBytes,
    },
    recordings,
  };
}
