/** An RTP payload format as offered: its payload type, encoding name (upper case) and clock rate. */
export interface Codec {
  readonly payloadType: number;
  /** Encoding name, upper-cased (`PCMU`, `PCMA`, `G722`, `TELEPHONE-EVENT`, `OPUS`, ...). */
  readonly name: string;
  /** RTP clock rate; G.722 says 8000 by its historic error (RFC 3551 §4.5.2) though it samples at 16 kHz. */
  readonly rate: number;
  /** Audio channels, when the rtpmap names them. */
  readonly channels?: number;
  /** The format parameters (`a=fmtp`), when offered. */
  readonly parameters?: string;
}

/** The static audio payload types of RFC 3551 table 4 that SRCs offer without an rtpmap line. */
const STATIC_PAYLOADS: Readonly<Record<number, { name: string; rate: number }>> = {
  0: { name: 'PCMU', rate: 8000 },
  3: { name: 'GSM', rate: 8000 },
  4: { name: 'G723', rate: 8000 },
  8: { name: 'PCMA', rate: 8000 },
  9: { name: 'G722', rate: 8000 },
  13: { name: 'CN', rate: 8000 },
  18: { name: 'G729', rate: 8000 },
};

/** The encoding name of RFC 4733 DTMF events. */
export const TELEPHONE_EVENT = 'TELEPHONE-EVENT';

/**
 * The codecs the SRS records (decodes into the WAV), in the order it
 * prefers them when it picks for itself. G.722's RTP clock says 8000
 * (RFC 3551 §4.5.2); its audio is 16 kHz, and so is the file.
 */
export const RECORDED_CODECS: readonly string[] = ['PCMU', 'PCMA', 'G722'];

/** Whether the SRS can record audio in `codec`. */
export function isRecorded(codec: Codec): boolean {
  return RECORDED_CODECS.includes(codec.name) && codec.rate === 8000;
}

/**
 * The codec behind payload type `payloadType`: the rtpmap line if there is
 * one, else the static assignment, else an unknown format named by its number.
 */
export function codecOf(
  payloadType: number,
  rtpmap: { codec: string; rate?: number; encoding?: number | string } | undefined,
  parameters: string | undefined,
): Codec {
  const known = STATIC_PAYLOADS[payloadType];
  const name = rtpmap ? rtpmap.codec.toUpperCase() : (known?.name ?? String(payloadType));
  const rate = rtpmap?.rate ?? known?.rate ?? 0;
  const channels = rtpmap?.encoding === undefined ? undefined : Number(rtpmap.encoding);
  return {
    payloadType,
    name,
    rate,
    ...(channels !== undefined && Number.isFinite(channels) ? { channels } : {}),
    ...(parameters !== undefined ? { parameters } : {}),
  };
}
