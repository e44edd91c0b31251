/**
 * Finds where the audio of a recording last had sound (for MAXRECORDSILENCE).
 * Audio is judged in 20 ms blocks aligned to the file: a block is sound when
 * its mean absolute amplitude (over all channels) reaches `threshold`. Line
 * noise on a quiet call sits well below the default; speech well above.
 */
export class SilenceDetector {
  /** Frame just after the last block that had sound (0: none yet, counted from the start). */
  lastSound = 0;
  private sum = 0;
  private filled = 0;

  constructor(
    private readonly threshold: number,
    private readonly blockFrames = 160,
  ) {}

  /** Feeds `frames` frames of `channels` interleaved samples that the file gets from frame `start` on. */
  feed(samples: Int16Array, channels: number, frames: number, start: number): void {
    const limit = this.threshold * this.blockFrames * channels;
    let at = 0;
    while (at < frames) {
      const take = Math.min(this.blockFrames - this.filled, frames - at);
      let sum = this.sum;
      const end = (at + take) * channels;
      for (let i = at * channels; i < end; i++) {
        const s = samples[i]!;
        sum += s < 0 ? -s : s;
      }
      at += take;
      this.filled += take;
      if (this.filled === this.blockFrames) {
        if (sum >= limit && start + at > this.lastSound) this.lastSound = start + at;
        this.filled = 0;
        this.sum = 0;
      } else {
        this.sum = sum;
      }
    }
  }

  /** Counts frames up to `frame` as sound: a pause or blackout is deliberate silence, not a dead line. */
  markSound(frame: number): void {
    if (frame > this.lastSound) this.lastSound = frame;
  }
}
