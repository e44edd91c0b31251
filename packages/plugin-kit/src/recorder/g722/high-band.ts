import { limitBand, saturate } from './saturate.js';
import { SubBand } from './sub-band.js';

/** QM2: the 2-bit inverse quantiser (G.722 block 2H, INVQAH), by code. */
const QM2 = Int32Array.of(-7408, -1616, 7408, 1616);
/** The log scale step of each code (block 3H: RH2 then WH). */
const LOG_STEP = Int32Array.of(798, -214, 798, -214);
/** QUANTH's decision level, Q12 times the scale factor: the outer or inner step. */
const DECISION = 564;

/**
 * The upper sub-band (4 to 8 kHz, folded to 0 to 4 kHz at 8 kHz) of G.722's
 * SB-ADPCM: 2 bits per sample in every mode.
 */
export class HighBand extends SubBand {
  constructor() {
    super(22528, 10);
  }

  /** Decoder: a 2-bit code → the reconstructed high-band signal rH (blocks 5H, 6H). */
  decode(code: number): number {
    const diff = (this.scale.det * QM2[code]!) >> 15;
    const signal = limitBand(this.predictor.estimate + diff);
    this.adapt(code, diff);
    return signal;
  }

  /** Encoder: the high-band signal xH → its 2-bit code (blocks 1H, QUANTH). */
  encode(signal: number): number {
    const error = saturate(signal - this.predictor.estimate);
    const magnitude = error >= 0 ? error : ~error; // -(error + 1)
    const outer = magnitude >= (DECISION * this.scale.det) >> 12;
    const code = error < 0 ? (outer ? 0 : 1) : outer ? 2 : 3;
    this.adapt(code, (this.scale.det * QM2[code]!) >> 15);
    return code;
  }

  /** Blocks 3H and 4: what encoder and decoder do alike. */
  private adapt(code: number, diff: number): void {
    this.scale.adapt(LOG_STEP[code]!);
    this.predictor.update(diff);
  }
}
