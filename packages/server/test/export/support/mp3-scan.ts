/** One MPEG Layer III frame as its header describes it. */
export interface Mp3Frame {
  readonly offset: number;
  readonly bytes: number;
  readonly sampleRate: number;
  readonly samplesPerFrame: number;
  readonly bitrateKbps: number;
  readonly channels: number;
}

/** The Xing/Info tag and its LAME extension, read from the first frame. */
export interface Mp3InfoTag {
  readonly id: string;
  readonly frames: number;
  readonly bytes: number | undefined;
  readonly encoder: string;
  readonly encoderDelay: number;
  readonly padding: number;
  /** Whether the LAME tag's CRC-16 matches its bytes. */
  readonly crcOk: boolean;
}

/** A walk over an MP3 file's frames. */
export interface Mp3Scan {
  /** Every frame, the Info frame included. */
  readonly frames: readonly Mp3Frame[];
  readonly info: Mp3InfoTag | undefined;
  /** Samples per channel a gapless decoder plays: audio frames × samples per frame − delay − padding. */
  readonly decodedSamples: number;
}

const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/**
 * Walks an MP3 from its first byte, frame header to frame header, as a
 * decoder syncs: every byte must belong to a frame with a valid Layer III
 * header, or it throws. Written for the tests, apart from the encoder.
 */
export function scanMp3(file: Buffer): Mp3Scan {
  const frames: Mp3Frame[] = [];
  let at = 0;
  while (at < file.length) {
    if (at + 4 > file.length || file[at] !== 0xff || (file[at + 1]! & 0xe0) !== 0xe0) throw new Error(`lost frame sync at byte ${at} of ${file.length}`);
    const versionBits = (file[at + 1]! >> 3) & 3;
    const layerBits = (file[at + 1]! >> 1) & 3;
    if (versionBits === 1 || layerBits !== 1) throw new Error(`not an MPEG Layer III frame at byte ${at}`);
    const v1 = versionBits === 3;
    const kbps = (v1 ? BITRATES_V1 : BITRATES_V2)[file[at + 2]! >> 4]!;
    const sampleRate = RATES[versionBits]![(file[at + 2]! >> 2) & 3]!;
    if (!kbps || !sampleRate) throw new Error(`bad bitrate or rate index at byte ${at}`);
    const padding = (file[at + 2]! >> 1) & 1;
    const bytes = Math.floor(((v1 ? 144000 : 72000) * kbps) / sampleRate) + padding;
    frames.push({ offset: at, bytes, sampleRate, samplesPerFrame: v1 ? 1152 : 576, bitrateKbps: kbps, channels: file[at + 3]! >> 6 === 3 ? 1 : 2 });
    at += bytes;
  }
  if (at !== file.length) throw new Error(`the last frame runs ${at - file.length} bytes past the end`);
  const info = frames.length > 0 ? readInfo(file, frames[0]!) : undefined;
  const audioFrames = frames.length - (info ? 1 : 0);
  const spf = frames[0]?.samplesPerFrame ?? 0;
  return { frames, info, decodedSamples: audioFrames * spf - (info ? info.encoderDelay + info.padding : 0) };
}

function readInfo(file: Buffer, first: Mp3Frame): Mp3InfoTag | undefined {
  const side = first.samplesPerFrame === 1152 ? (first.channels === 1 ? 17 : 32) : first.channels === 1 ? 9 : 17;
  let at = first.offset + 4 + side;
  const id = file.toString('latin1', at, at + 4);
  if (id !== 'Info' && id !== 'Xing') return undefined;
  const flags = file.readUInt32BE(at + 4);
  at += 8;
  const frames = flags & 1 ? file.readUInt32BE(at) : 0;
  if (flags & 1) at += 4;
  const bytes = flags & 2 ? file.readUInt32BE(at) : undefined;
  if (flags & 2) at += 4;
  if (flags & 4) at += 100;
  if (flags & 8) at += 4;
  const encoder = file.toString('latin1', at, at + 9);
  const delays = file.readUIntBE(at + 21, 3);
  const crcAt = at + 34;
  return {
    id,
    frames,
    bytes,
    encoder,
    encoderDelay: delays >> 12,
    padding: delays & 0xfff,
    crcOk: crc16(file.subarray(first.offset, crcAt)) === file.readUInt16BE(crcAt),
  };
}

function crc16(bytes: Buffer): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}
