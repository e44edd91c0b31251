import { AdaptivePredictor } from './adaptive-predictor.js';
import { ScaleFactor } from './scale-factor.js';

/**
 * What each of G.722's two sub-bands keeps between samples: its adaptive
 * predictor (block 4) and its quantiser scale factor (block 3L or 3H).
 */
export abstract class SubBand {
  protected readonly predictor = new AdaptivePredictor();
  protected readonly scale: ScaleFactor;

  /** maxLog and shift: the band's bound of the log scale factor and its antilog shift. */
  protected constructor(maxLog: number, shift: number) {
    this.scale = new ScaleFactor(maxLog, shift);
  }

  /** Back to the state at the start of a stream. */
  reset(): void {
    this.predictor.reset();
    this.scale.reset();
  }
}
