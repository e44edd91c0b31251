/**
 * MPEG audio Layer III frame headers (ISO/IEC 11172-3, 13818-3 and the
 * MPEG-2.5 extension for 8, 11.025 and 12 kHz): what the 4 bytes mean and
 * how long the frame is.
 */
export type MpegVersion = '1' | '2' | '2.5';

/** One decoded Layer III frame header. */
export interface Mp3FrameHeader {
  readonly version: MpegVersion;
  readonly bitrateKbps: number;
  readonly sampleRate: number;
  readonly padding: boolean;
  readonly channels: 1 | 2;
  /** PCM samples per channel the frame decodes to: 1152 (MPEG-1) or 576 (MPEG-2 and 2.5). */
  readonly samplesPerFrame: number;
  /** Bytes of the whole frame, header included. */
  readonly frameBytes: number;
  /** Bytes of side information after the header (where a Xing/Info tag starts). */
  readonly sideInfoBytes: number;
}

const BITRATES: Record<MpegVersion, readonly number[]> = {
  '1': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2.5': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<MpegVersion, readonly number[]> = {
  '1': [44100, 48000, 32000],
  '2': [22050, 24000, 16000],
  '2.5': [11025, 12000, 8000],
};
const VERSION_BITS: Record<number, MpegVersion | undefined> = { 0: '2.5', 2: '2', 3: '1' };

/** Every sample rate Layer III can carry. */
export const MP3_SAMPLE_RATES: readonly number[] = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];

/** The MPEG version that carries `sampleRate`. */
export function versionFor(sampleRate: number): MpegVersion {
  for (const version of ['1', '2', '2.5'] as const) if (SAMPLE_RATES[version].includes(sampleRate)) return version;
  throw new RangeError(`${sampleRate} Hz is not an MP3 sample rate`);
}

/** The bitrates (kbps) a version allows, ascending (free format excluded). */
export function bitratesOf(version: MpegVersion): readonly number[] {
  return BITRATES[version].slice(1);
}

/** Bytes of a frame without its padding slot: 144000·kbps/rate for MPEG-1, half that for MPEG-2/2.5. */
export function frameBytesOf(version: MpegVersion, bitrateKbps: number, sampleRate: number): number {
  return Math.floor(((version === '1' ? 144000 : 72000) * bitrateKbps) / sampleRate);
}

/** Side information bytes of a Layer III frame. */
export function sideInfoBytesOf(version: MpegVersion, channels: 1 | 2): number {
  if (version === '1') return channels === 1 ? 17 : 32;
  return channels === 1 ? 9 : 17;
}

/** Decodes the header at `at`; undefined when the bytes there are not a Layer III frame header. */
export function parseMp3FrameHeader(bytes: Uint8Array, at = 0): Mp3FrameHeader | undefined {
  if (at + 4 > bytes.length) return undefined;
  const b1 = bytes[at + 1]!;
  const b2 = bytes[at + 2]!;
  const b3 = bytes[at + 3]!;
  if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = VERSION_BITS[(b1 >> 3) & 0x03];
  if (!version || ((b1 >> 1) & 0x03) !== 0x01) return undefined; // layer bits 01 = Layer III
  const bitrateKbps = BITRATES[version][(b2 >> 4) & 0x0f];
  const sampleRate = SAMPLE_RATES[version][(b2 >> 2) & 0x03];
  if (!bitrateKbps || !sampleRate) return undefined;
  const padding = (b2 & 0x02) !== 0;
  const channels = (b3 >> 6) === 0x03 ? 1 : 2;
  return {
    version,
    bitrateKbps,
    sampleRate,
    padding,
    channels,
    samplesPerFrame: version === '1' ? 1152 : 576,
    frameBytes: frameBytesOf(version, bitrateKbps, sampleRate) + (padding ? 1 : 0),
    sideInfoBytes: sideInfoBytesOf(version, channels),
  };
}

/** The 4-bit bitrate index of `bitrateKbps` in `version`'s table. */
export function bitrateIndexOf(version: MpegVersion, bitrateKbps: number): number {
  const index = BITRATES[version].indexOf(bitrateKbps);
  if (index <= 0) throw new RangeError(`${bitrateKbps} kbps is not an MPEG-${version} Layer III bitrate`);
  return index;
}
