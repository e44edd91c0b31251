import type { AudioWindow } from './audio-window.js';

/** How the two sides of a call go into the file. */
export type MixMode = 'stereo' | 'mono';

/** Channels in the file for a mix mode. */
export function channelsOf(mode: MixMode): 1 | 2 {
  return mode === 'stereo' ? 2 : 1;
}

/**
 * Takes `count` frames from `from` out of the sides' windows into `out` as
 * the file stores them: stereo interleaves side A (left) and side B (right);
 * mono sums them, saturating. A side with no stream yet is silence.
 */
export function mixFrames(
  mode: MixMode,
  sides: readonly [AudioWindow | undefined, AudioWindow | undefined],
  from: number,
  count: number,
  out: Int16Array,
): void {
  const [a, b] = sides;
  if (mode === 'stereo') {
    if (a) a.take(from, count, out, 0, 2);
    else for (let i = 0; i < count; i++) out[2 * i] = 0;
    if (b) b.take(from, count, out, 1, 2);
    else for (let i = 0; i < count; i++) out[2 * i + 1] = 0;
    return;
  }
  if (a) a.take(from, count, out, 0, 1);
  else out.fill(0, 0, count);
  b?.addTo(from, count, out);
}
