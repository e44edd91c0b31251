/**
 * Gathers interleaved 16-bit samples, however the recorder hands them over,
 * into batches of one size: each full batch is handed to `send`, which owns
 * it from then on (the next is a new array); flush() sends what is left.
 */
export class PcmBatcher {
  private batch: Int16Array;
  private filled = 0;

  /** @param size samples per batch (frames × channels) */
  constructor(
    private readonly size: number,
    private readonly send: (batch: Int16Array) => void,
  ) {
    this.batch = new Int16Array(size);
  }

  /** Copies `samples` in; sends every batch they fill. */
  push(samples: Int16Array): void {
    let at = 0;
    while (at < samples.length) {
      const count = Math.min(samples.length - at, this.size - this.filled);
      this.batch.set(samples.subarray(at, at + count), this.filled);
      this.filled += count;
      at += count;
      if (this.filled === this.size) this.flush();
    }
  }

  /** Sends the batch begun, if any (shorter than the others). */
  flush(): void {
    if (this.filled === 0) return;
    const full = this.filled === this.size ? this.batch : this.batch.subarray(0, this.filled);
    this.batch = new Int16Array(this.size);
    this.filled = 0;
    this.send(full);
  }
}
