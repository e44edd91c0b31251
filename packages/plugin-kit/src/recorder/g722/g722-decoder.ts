import { HighBand } from './high-band.js';
import { LowBand } from './low-band.js';
import { QmfSynthesis } from './qmf.js';

/**
 * G.722 (ITU-T, 1988): 7 kHz wideband audio as 64 kbit/s sub-band ADPCM,
 * here mode 1, the one RTP carries (payload type 9). Each byte is one 8 kHz
 * sample pair: the top 2 bits the high band's code, the low 6 the low band's;
 * the receive QMF turns each pair into two 16-bit samples at 16 kHz.
 *
 * The algorithm is the recommendation's, written after the public-domain
 * reference code by Steve Underwood (spandsp, as used by FreeSWITCH and
 * Asterisk), itself based on the CMU 1993 codec by Chengxiang Lu and Alex
 * Hauptmann.
 *
 * RTP clock quirk (RFC 3551, section 4.5.2): SDP says `G722/8000` and RTP
 * timestamps advance 8000 per second, one per payload byte, though the audio
 * is sampled at 16 kHz. A 20 ms packet is 160 bytes, timestamp step 160, and
 * decodes to 320 samples. This class sees payloads only; RTP is the caller's.
 *
 * One decoder per RTP stream: the state carries across packets, so feed a
 * stream's payloads in order and `reset()` for a new stream (a new SSRC).
 */
export class G722Decoder {
  private readonly low = new LowBand();
  private readonly high = new HighBand();
  private readonly qmf = new QmfSynthesis();

  /** Output samples (16 kHz) per payload byte. */
  static readonly SAMPLES_PER_BYTE = 2;

  /**
   * Decodes a payload into 2 × payload.length samples at 16 kHz, written to
   * `out` when given (it must hold them; the samples go at its start) and
   * returned (the whole of `out` when it is exactly that long, else a view).
   * @throws RangeError when `out` is too short
   */
  decode(payload: Uint8Array, out?: Int16Array): Int16Array {
    const count = payload.length * G722Decoder.SAMPLES_PER_BYTE;
    const samples = out ?? new Int16Array(count);
    if (samples.length < count) {
      throw new RangeError(`G.722 decode: out holds ${samples.length} samples, the payload of ${payload.length} bytes decodes to ${count}`);
    }
    const { low, high, qmf } = this;
    for (let i = 0, o = 0; i < payload.length; i++, o += 2) {
      const code = payload[i]!;
      qmf.synthesize(low.decode(code & 0x3f), high.decode(code >> 6));
      samples[o] = qmf.first;
      samples[o + 1] = qmf.second;
    }
    return samples.length === count ? samples : samples.subarray(0, count);
  }

  /** Forgets the stream: the next payload is decoded as a new stream's first. */
  reset(): void {
    this.low.reset();
    this.high.reset();
    this.qmf.reset();
  }
}
