/**
 * Turns RTP's 16-bit sequence numbers, which wrap every 65536 packets (22
 * minutes at 20 ms), into a number that keeps growing, so "before" and
 * "after" stay true across the wrap. A packet is taken as the nearest
 * candidate to the highest number seen: up to 32767 ahead or behind.
 */
export class SequenceExtender {
  private highest: number | undefined;

  /** The extended number of a received 16-bit sequence number. */
  extend(sequence: number): number {
    if (this.highest === undefined) {
      this.highest = sequence;
      return sequence;
    }
    let delta = (sequence - (this.highest & 0xffff)) & 0xffff;
    if (delta >= 0x8000) delta -= 0x10000;
    const extended = this.highest + delta;
    if (extended > this.highest) this.highest = extended;
    return extended;
  }

  /** The highest extended number seen so far (undefined before the first packet). */
  get max(): number | undefined {
    return this.highest;
  }
}
