import { HighBand } from './high-band.js';
import { LowBand } from './low-band.js';
import { QmfAnalysis } from './qmf.js';

/**
 * The G.722 mode 1 (64 kbit/s) encoder matching {@link G722Decoder}: 16-bit
 * samples at 16 kHz → one byte per sample pair (the high band's 2-bit code
 * on top, the low band's 6 bits below). It serves senders: a SIPREC client
 * or PBX stand-in in tests, the benchmark. Same origin as the decoder (the
 * recommendation, after Steve Underwood's public-domain reference code).
 *
 * One encoder per stream; `reset()` to start a new one.
 */
export class G722Encoder {
  private readonly low = new LowBand();
  private readonly high = new HighBand();
  private readonly qmf = new QmfAnalysis();

  /**
   * Encodes an even number of samples into samples.length / 2 bytes,
   * written to `out` when given (at its start) and returned (the whole of
   * `out` when it is exactly that long, else a view).
   * @throws RangeError for an odd sample count or an `out` too short
   */
  encode(samples: Int16Array, out?: Uint8Array): Uint8Array {
    if (samples.length % 2 !== 0) {
      throw new RangeError(`G.722 encode: takes samples in pairs, got ${samples.length}`);
    }
    const count = samples.length / 2;
    const payload = out ?? new Uint8Array(count);
    if (payload.length < count) {
      throw new RangeError(`G.722 encode: out holds ${payload.length} bytes, ${samples.length} samples encode to ${count}`);
    }
    const { low, high, qmf } = this;
    for (let i = 0, s = 0; i < count; i++, s += 2) {
      qmf.analyse(samples[s]!, samples[s + 1]!);
      payload[i] = (high.encode(qmf.high) << 6) | low.encode(qmf.low);
    }
    return payload.length === count ? payload : payload.subarray(0, count);
  }

  /** Forgets the stream: the next samples are encoded as a new stream's first. */
  reset(): void {
    this.low.reset();
    this.high.reset();
    this.qmf.reset();
  }
}
