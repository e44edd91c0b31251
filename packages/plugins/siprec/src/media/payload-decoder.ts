import { ALAW_TO_LINEAR, G722Decoder, ULAW_TO_LINEAR } from '@callwire/plugin-kit';
import type { Codec } from '../sdp/codecs.js';

/** Turns one packet's payload into 16-bit samples at the file's rate; reused output, valid until the next call. */
export interface PayloadDecoder {
  /** File frames per RTP timestamp unit (see MediaStream). */
  readonly framesPerTick: number;
  decode(payload: Uint8Array): Int16Array;
  /** A new stream (SSRC) starts: forget what the last one left in a stateful codec. */
  reset(): void;
}

/** The file's sample rate for a set of recorded codecs: 16 kHz when any is wideband. */
export function fileRateOf(codecs: readonly Codec[]): 8000 | 16000 {
  return codecs.some((c) => c.name === 'G722') ? 16000 : 8000;
}

/**
 * The decoder of `codec` for a file at `fileRate`. G.711 goes through its
 * table, each sample written twice into a 16 kHz file; G.722 is decoded to
 * 16 kHz, and averaged pairwise into an 8 kHz file (a session that joins a
 * recording already running at 8 kHz).
 * @throws RangeError for a codec the SRS does not record (planAnswer never accepts one)
 */
export function decoderFor(codec: Codec, fileRate: 8000 | 16000): PayloadDecoder {
  if (codec.name === 'PCMU' || codec.name === 'PCMA') return new G711Decoder(codec.name === 'PCMU' ? ULAW_TO_LINEAR : ALAW_TO_LINEAR, fileRate / 8000);
  if (codec.name === 'G722') return new G722PayloadDecoder(fileRate);
  throw new RangeError(`no decoder for ${codec.name}/${codec.rate}`);
}

class G711Decoder implements PayloadDecoder {
  private out = new Int16Array(320);

  constructor(
    private readonly table: Int16Array,
    readonly framesPerTick: number,
  ) {}

  decode(payload: Uint8Array): Int16Array {
    const size = payload.length * this.framesPerTick;
    if (this.out.length < size) this.out = new Int16Array(size);
    const out = this.out.subarray(0, size);
    if (this.framesPerTick === 1) for (let i = 0; i < payload.length; i++) out[i] = this.table[payload[i]!]!;
    else for (let i = 0; i < payload.length; i++) out[2 * i] = out[2 * i + 1] = this.table[payload[i]!]!;
    return out;
  }

  reset(): void {}
}

/** G.722: one byte per 8 kHz RTP tick, two 16 kHz samples per byte (RFC 3551 §4.5.2). */
class G722PayloadDecoder implements PayloadDecoder {
  private codec = new G722Decoder();
  private wide = new Int16Array(640);
  private narrow = new Int16Array(320);
  readonly framesPerTick: number;

  constructor(private readonly fileRate: 8000 | 16000) {
    this.framesPerTick = fileRate / 8000;
  }

  decode(payload: Uint8Array): Int16Array {
    if (this.wide.length < 2 * payload.length) this.wide = new Int16Array(2 * payload.length);
    const wide = this.codec.decode(payload, this.wide.subarray(0, 2 * payload.length));
    if (this.fileRate === 16000) return wide;
    if (this.narrow.length < payload.length) this.narrow = new Int16Array(payload.length);
    const narrow = this.narrow.subarray(0, payload.length);
    for (let i = 0; i < payload.length; i++) narrow[i] = (wide[2 * i]! + wide[2 * i + 1]!) >> 1;
    return narrow;
  }

  reset(): void {
    this.codec = new G722Decoder();
  }
}
