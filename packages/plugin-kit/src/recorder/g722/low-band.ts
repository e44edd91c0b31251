import { limitBand, saturate } from './saturate.js';
import { SubBand } from './sub-band.js';

/** QM6: the 6-bit inverse quantiser of the 64 kbit/s mode (G.722 block 5L, INVQBL), by code. */
const QM6 = Int32Array.of(
  -136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
  -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
  24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192, 10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
  4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032, 1688, 1360, 1040, 728, 432, 136, -432, -136,
);
/** QM4: the 4-bit inverse quantiser the predictor and adaptation run on (block 2L, INVQAL). */
const QM4 = Int32Array.of(0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584, 1200, 0);
/** RIL → magnitude index (block 3L, RL42), then WL: the log scale step of each magnitude. */
const LOG_STEP = Int32Array.from([0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0], (m) => [-60, -30, 58, 172, 334, 538, 1198, 3042][m]!);
/** Q6: the decision levels of the 6-bit quantiser (block 1L, QUANTL), by magnitude. */
const DECISION = Int32Array.of(
  0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
  786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0, 0,
);
/** The code of each magnitude for a negative and for a positive difference (QUANTL: ILN, ILP). */
const CODE_NEGATIVE = Int32Array.of(0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 0);
const CODE_POSITIVE = Int32Array.of(0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 0);

/**
 * The lower sub-band (0 to 4 kHz at 8 kHz) of G.722's SB-ADPCM: 6 bits per
 * sample at 64 kbit/s (mode 1). The encoder quantises with 6 bits, but the
 * predictor and the scale factor run on the top 4 of them only, so that the
 * 56 and 48 kbit/s modes (which drop low bits) stay in step.
 */
export class LowBand extends SubBand {
  constructor() {
    super(18432, 8);
  }

  /** Decoder: a 6-bit code → the reconstructed low-band signal rL (blocks 5L, 6L). */
  decode(code: number): number {
    const signal = limitBand(this.predictor.estimate + ((this.scale.det * QM6[code]!) >> 15));
    this.adapt(code >> 2);
    return signal;
  }

  /** Encoder: the low-band signal xL → its 6-bit code (blocks 1L, QUANTL). */
  encode(signal: number): number {
    const diff = saturate(signal - this.predictor.estimate);
    const magnitude = diff >= 0 ? diff : ~diff; // -(diff + 1)
    const det = this.scale.det;
    let level = 1;
    while (level < 30 && magnitude >= (DECISION[level]! * det) >> 12) level++;
    const code = diff < 0 ? CODE_NEGATIVE[level]! : CODE_POSITIVE[level]!;
    this.adapt(code >> 2);
    return code;
  }

  /** Blocks 2L, 3L and 4 on the 4-bit code: what encoder and decoder do alike. */
  private adapt(code4: number): void {
    const diff = (this.scale.det * QM4[code4]!) >> 15;
    this.scale.adapt(LOG_STEP[code4]!);
    this.predictor.update(diff);
  }
}
