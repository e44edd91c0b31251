/**
 * Dialogic ADPCM ("OKI ADPCM", the codec of .vox files): 4 bits per sample
 * over 12-bit linear samples, as in Dialogic's "Dialogic ADPCM Algorithm"
 * (00-1366-001). Each nibble is a sign bit and three magnitude bits scaled
 * by a step size that adapts along a 49-entry table. Two samples per byte,
 * the first in the high nibble. No header: the reader must know the rate.
 */

const STEP_SIZES = [
  16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97, 107, 118, 130, 143, 157, 173, 190,
  209, 230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724, 796, 876, 963, 1060, 1166, 1282, 1411, 1552,
];
const STEP_ADJUST = [-1, -1, -1, -1, 2, 4, 6, 8];
const MAX_12 = 2047;
const MIN_12 = -2048;

/** The predictor and step index both ends keep in step. */
class AdpcmState {
  predicted = 0;
  index = 0;

  /** Applies one 4-bit code: the decoder's whole job, and the encoder's bookkeeping. */
  apply(code: number): number {
    const step = STEP_SIZES[this.index]!;
    let diff = step >> 3;
    if (code & 4) diff += step;
    if (code & 2) diff += step >> 1;
    if (code & 1) diff += step >> 2;
    const next = code & 8 ? this.predicted - diff : this.predicted + diff;
    this.predicted = next > MAX_12 ? MAX_12 : next < MIN_12 ? MIN_12 : next;
    const index = this.index + STEP_ADJUST[code & 7]!;
    this.index = index < 0 ? 0 : index > 48 ? 48 : index;
    return this.predicted;
  }
}

/** Encodes 16-bit samples (mono) to VOX bytes, carrying state (and an odd sample) across calls. */
export class DialogicAdpcmEncoder {
  private readonly state = new AdpcmState();
  private pendingNibble: number | undefined;

  /** Bytes for `samples`; an odd sample waits for the next call (or {@link flush}). */
  encode(samples: Int16Array): Buffer {
    const out = Buffer.alloc((samples.length + (this.pendingNibble === undefined ? 0 : 1)) >> 1);
    let at = 0;
    for (const sample of samples) {
      const code = this.code(sample >> 4);
      if (this.pendingNibble === undefined) this.pendingNibble = code;
      else {
        out[at++] = (this.pendingNibble << 4) | code;
        this.pendingNibble = undefined;
      }
    }
    return out;
  }

  /** The last byte when an odd number of samples was encoded (its low nibble a zero code). */
  flush(): Buffer {
    if (this.pendingNibble === undefined) return Buffer.alloc(0);
    const last = Buffer.from([this.pendingNibble << 4]);
    this.pendingNibble = undefined;
    return last;
  }

  private code(sample: number): number {
    const step = STEP_SIZES[this.state.index]!;
    let diff = sample - this.state.predicted;
    let code = 0;
    if (diff < 0) {
      code = 8;
      diff = -diff;
    }
    if (diff >= step) {
      code |= 4;
      diff -= step;
    }
    if (diff >= step >> 1) {
      code |= 2;
      diff -= step >> 1;
    }
    if (diff >= step >> 2) code |= 1;
    this.state.apply(code);
    return code;
  }
}

/** Decodes VOX bytes to 16-bit samples (two per byte, high nibble first), carrying state across calls. */
export class DialogicAdpcmDecoder {
  private readonly state = new AdpcmState();

  decode(bytes: Uint8Array): Int16Array {
    const out = new Int16Array(bytes.length * 2);
    for (let i = 0; i < bytes.length; i++) {
      out[2 * i] = this.state.apply(bytes[i]! >> 4) << 4;
      out[2 * i + 1] = this.state.apply(bytes[i]! & 0x0f) << 4;
    }
    return out;
  }
}
