import { saturate } from './saturate.js';

/**
 * The 24-tap quadrature mirror filter pair of G.722 (the recommendation's
 * coefficients h0..h11 in Q13; the filter is symmetric, h(23 - i) = h(i)).
 * The coefficients sum to 4096 per half, 8192 in all, which sets the shifts
 * below: the analysis halves the signal into each 15-bit band, the synthesis
 * doubles it back.
 */
export const QMF_COEFFICIENTS = Int32Array.of(3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11);

/** The history both filters keep: the last 24 inputs, each stored twice so the window is contiguous. */
abstract class QmfHistory {
  /** Ring of 24 stored at [k] and [k + 24]: the 24 newest, oldest first, are buffer[head .. head + 23]. */
  private readonly buffer = new Int32Array(48);
  private head = 0;
  /** Σ h(i)·x at the even positions of the window (0, 2, … 22), oldest first. */
  protected evenTaps = 0;
  /** Σ h(11 - i)·x at the odd positions (1, 3, … 23): the mirrored half. */
  protected oddTaps = 0;

  reset(): void {
    this.buffer.fill(0);
    this.head = 0;
    this.evenTaps = this.oddTaps = 0;
  }

  /** Appends two values as the newest pair, dropping the oldest, and filters the window. */
  protected push(first: number, second: number): void {
    const slot = this.head; // the oldest pair's slot becomes the newest's
    const b = this.buffer;
    b[slot] = first;
    b[slot + 1] = second;
    b[slot + 24] = first;
    b[slot + 25] = second;
    const h = (this.head = slot === 22 ? 0 : slot + 2);
    let even = 0;
    let odd = 0;
    for (let i = 0; i < 12; i++) {
      even += b[h + 2 * i]! * QMF_COEFFICIENTS[i]!;
      odd += b[h + 2 * i + 1]! * QMF_COEFFICIENTS[11 - i]!;
    }
    this.evenTaps = even;
    this.oddTaps = odd;
  }
}

/**
 * The receive QMF: a reconstructed low- and high-band sample pair (8 kHz)
 * → two output samples (16 kHz).
 */
export class QmfSynthesis extends QmfHistory {
  /** The output sample pair of the last `synthesize`. */
  first = 0;
  second = 0;

  synthesize(low: number, high: number): void {
    this.push(low + high, low - high);
    this.first = saturate(this.oddTaps >> 11);
    this.second = saturate(this.evenTaps >> 11);
  }
}

/**
 * The transmit QMF: two input samples (16 kHz) → the low- and high-band
 * sample pair (8 kHz) the band encoders quantise.
 */
export class QmfAnalysis extends QmfHistory {
  /** The band pair of the last `analyse`. */
  low = 0;
  high = 0;

  analyse(first: number, second: number): void {
    this.push(first, second);
    this.low = (this.oddTaps + this.evenTaps) >> 14;
    this.high = (this.oddTaps - this.evenTaps) >> 14;
  }
}
