import { saturate } from './saturate.js';

/**
 * G.722 block 4, one per sub-band: the adaptive predictor with two poles and
 * six zeros that gives the signal estimate s the band's ADPCM works against.
 * The encoder and the decoder run the same predictor on the same quantised
 * differences, which is what keeps them in step without side information.
 * The arithmetic (shifts, saturation points, leak factors 32512/32640) is the
 * recommendation's, as in the public-domain reference code by Steve Underwood
 * (spandsp, after the CMU 1993 codec by Chengxiang Lu and Alex Hauptmann).
 */
export class AdaptivePredictor {
  /** The signal estimate s for the next sample (PREDIC). */
  estimate = 0;
  /** The zero section's part of the estimate, sz (FILTEZ). */
  private zeroEstimate = 0;
  /** Reconstructed signal r[0..2]: the newest first. */
  private readonly r = new Int32Array(3);
  /** Partially reconstructed signal p[0..2] (PARREC). */
  private readonly p = new Int32Array(3);
  /** Pole coefficients a[1], a[2] (a[0] unused). */
  private readonly a = new Int32Array(3);
  /** Quantised differences d[1..6]: the newest first (d[0] is where the newest enters). */
  private readonly d = new Int32Array(7);
  /** Zero coefficients b[1..6] (b[0] unused). */
  private readonly b = new Int32Array(7);

  /** Back to the state at the start of a stream. */
  reset(): void {
    this.estimate = 0;
    this.zeroEstimate = 0;
    this.r.fill(0);
    this.p.fill(0);
    this.a.fill(0);
    this.d.fill(0);
    this.b.fill(0);
  }

  /** Takes this sample's quantised difference d and prepares the next estimate. */
  update(diff: number): void {
    const { r, p, a, d, b } = this;
    const r0 = saturate(this.estimate + diff); // RECONS
    const p0 = saturate(this.zeroEstimate + diff); // PARREC
    const sg0 = p0 >> 15;
    const sg1 = p[1]! >> 15;
    const sg2 = p[2]! >> 15;

    // UPPOL2: the second pole
    const wa1 = saturate(a[1]! << 2);
    let wa2 = sg0 === sg1 ? 0 - wa1 : wa1; // 0 - x, not -x: a -0 would push V8 off integers
    if (wa2 > 32767) wa2 = 32767;
    let a2 = (sg0 === sg2 ? 128 : -128) + (wa2 >> 7) + ((a[2]! * 32512) >> 15);
    if (a2 > 12288) a2 = 12288;
    else if (a2 < -12288) a2 = -12288;

    // UPPOL1: the first pole, kept inside the stability triangle
    let a1 = saturate((sg0 === sg1 ? 192 : -192) + ((a[1]! * 32640) >> 15));
    const bound = saturate(15360 - a2);
    if (a1 > bound) a1 = bound;
    else if (a1 < -bound) a1 = -bound;

    // UPZERO: the six zeros, against the sign of the newest difference
    const step = diff === 0 ? 0 : 128;
    const sgd = diff >> 15;
    for (let i = 1; i < 7; i++) {
      b[i] = saturate(((d[i]! >> 15) === sgd ? step : 0 - step) + ((b[i]! * 32640) >> 15));
    }

    // DELAYA
    d[0] = diff;
    for (let i = 6; i > 0; i--) d[i] = d[i - 1]!;
    r[2] = r[1]!;
    r[1] = r0;
    p[2] = p[1]!;
    p[1] = p0;
    a[1] = a1;
    a[2] = a2;

    // FILTEP, FILTEZ, PREDIC
    const poles = saturate(((a1 * saturate(r0 + r0)) >> 15) + ((a2 * saturate(r[2]! + r[2]!)) >> 15));
    let zeros = 0;
    for (let i = 6; i > 0; i--) zeros += (b[i]! * saturate(d[i]! + d[i]!)) >> 15;
    this.zeroEstimate = saturate(zeros);
    this.estimate = saturate(poles + this.zeroEstimate);
  }
}
