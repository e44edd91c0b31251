import { bitrateIndexOf, bitratesOf, frameBytesOf, type Mp3FrameHeader } from './mp3-frame-header.js';

/** What the Info tag declares about the stream that follows it. */
export interface Mp3StreamFacts {
  /** Audio frames after the Info frame. */
  readonly frames: number;
  /** Bytes of the audio frames, when every frame has the same size; else undefined. */
  readonly audioBytes: number | undefined;
  /** Priming samples the encoder put before the audio (LAME's ENCDELAY). */
  readonly encoderDelay: number;
  /** Samples of padding after the audio in the last frames. */
  readonly padding: number;
}

const FLAG_FRAMES = 0x1;
const FLAG_BYTES = 0x2;
const FLAG_TOC = 0x4;
const FLAG_QUALITY = 0x8;
/** lamejs descends from LAME 3.98 (through the Java port jump3r); decoders honour the delay fields only after "LAME". */
const ENCODER = 'LAME3.98r';
const LAME_TAG_BYTES = 36;

/**
 * The first frame of a gapless MP3: a silent frame carrying a Xing "Info"
 * tag (frame count, byte count, seek table) and the LAME extension with the
 * encoder delay and end padding. Decoders that read it (ffmpeg, mpg123,
 * browsers, iTunes) skip the priming and padding, so the decoded audio is
 * exactly as long as the recording; players use the frame count for the
 * duration. Layout: http://gabriel.mp3-tech.org/mp3infotag.html.
 *
 * `template` is the header of the stream's first audio frame; the Info frame
 * copies its version, rate and channel mode, at the stream's bitrate when
 * the tag fits in such a frame, else at the smallest bitrate where it does.
 */
export function mp3InfoFrame(template: Mp3FrameHeader, templateBytes: Uint8Array, facts: Mp3StreamFacts): Buffer {
  const { version, sampleRate, sideInfoBytes } = template;
  const tagStart = 4 + sideInfoBytes;
  const fields = 4 + 4 + 4 + (facts.audioBytes === undefined ? 0 : 4) + 100 + 4;
  const needed = tagStart + fields + LAME_TAG_BYTES;
  const bitrate = frameBytesOf(version, template.bitrateKbps, sampleRate) >= needed
    ? template.bitrateKbps
    : bitratesOf(version).find((kbps) => frameBytesOf(version, kbps, sampleRate) >= needed);
  if (bitrate === undefined) throw new RangeError('no bitrate leaves room for the Info tag');
  const frame = Buffer.alloc(frameBytesOf(version, bitrate, sampleRate));
  frame[0] = 0xff;
  frame[1] = templateBytes[1]! | 0x01; // no CRC: the side information is all zero
  frame[2] = (bitrateIndexOf(version, bitrate) << 4) | (templateBytes[2]! & 0x0c); // sample rate kept, no padding slot
  frame[3] = templateBytes[3]! & 0xcf; // channel mode kept, mode extension cleared

  let at = tagStart;
  at = frame.write('Info', at, 'latin1') + at;
  const flags = FLAG_FRAMES | (facts.audioBytes === undefined ? 0 : FLAG_BYTES) | FLAG_TOC | FLAG_QUALITY;
  at = frame.writeUInt32BE(flags, at);
  at = frame.writeUInt32BE(facts.frames, at);
  // The byte count covers the whole stream, this frame included.
  const totalBytes = facts.audioBytes === undefined ? undefined : frame.length + facts.audioBytes;
  if (totalBytes !== undefined) at = frame.writeUInt32BE(totalBytes, at);
  // Seek table of a constant bitrate stream: position i% lies i% into the file.
  for (let i = 0; i < 100; i++) frame[at + i] = Math.floor((i * 256) / 100);
  at += 100;
  at = frame.writeUInt32BE(0, at); // quality indicator: unused for CBR

  const lame = at;
  at = frame.write(ENCODER, at, 'latin1') + at;
  frame[at++] = 0x01; // tag revision 0, VBR method 1 = constant bitrate
  frame[at++] = Math.min(255, Math.round(sampleRate / 2 / 100)); // lowpass / 100 Hz
  at += 4 + 2 + 2; // peak signal amplitude, radio and audiophile replay gain: not computed
  frame[at++] = 0; // encoding flags, ATH type
  frame[at++] = Math.min(255, template.bitrateKbps);
  frame.writeUIntBE((facts.encoderDelay << 12) | facts.padding, at, 3);
  at += 3;
  at += 1 + 1 + 2; // misc, MP3 gain, preset and surround
  at = frame.writeUInt32BE(totalBytes ?? 0, at); // music length
  at = frame.writeUInt16BE(0, at); // music CRC: the audio is not known yet when this frame is sent
  frame.writeUInt16BE(crc16(frame.subarray(0, at)), at);
  if (at + 2 - lame !== LAME_TAG_BYTES) throw new Error('LAME tag layout');
  return frame;
}

/** CRC-16/ARC (polynomial 0x8005, reflected, initial 0): the LAME tag's checksum. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}
