import { Mp3Encoder } from '@breezystack/lamejs';
import { convertSource } from './convert-source.js';
import { streamOf, type EncodedMedia } from './encoded-media.js';
import { lameFrameCount, LAME_ENCODER_DELAY } from './lame-frame-count.js';
import { frameBytesOf, MP3_SAMPLE_RATES, parseMp3FrameHeader, versionFor } from './mp3-frame-header.js';
import { mp3InfoFrame } from './mp3-info-frame.js';
import { exactFrames } from './pcm-bytes.js';
import type { PcmSource } from './pcm-source.js';

/** Frames handed to the encoder per call: bounds the encoder's own buffers. */
const ENCODE_FRAMES = 8192;

/**
 * Constant bitrate per channel: 32 kbps at telephone rates (8–12 kHz), 48 at
 * 16–24 kHz, 64 above — transparent enough for speech, about a quarter of
 * the WAV's size at 8 kHz.
 */
export function mp3BitrateKbps(sampleRate: number, channels: number): number {
  const perChannel = sampleRate <= 12000 ? 32 : sampleRate <= 24000 ? 48 : 64;
  return perChannel * channels;
}

/**
 * MP3 (MPEG Layer III, constant bitrate) encoded with lamejs, chunk by chunk
 * as it is read. The recording's own rate is kept when MP3 has it (8 kHz →
 * MPEG-2.5, 576 samples per frame); other rates go up to the next MP3 rate.
 *
 * The stream starts with an Info frame (see mp3InfoFrame) computed before
 * encoding from the known sample count, so decoders drop LAME's 576 samples
 * of priming and the end padding: the decoded audio is as long as the
 * recording, to the sample.
 */
export function encodeMp3(input: PcmSource): EncodedMedia {
  const sampleRate = MP3_SAMPLE_RATES.find((rate) => rate >= input.format.sampleRate) ?? 48000;
  const source = exactFrames(convertSource(input, { sampleRate, channels: input.format.channels }));
  const { channels } = source.format;
  const kbps = mp3BitrateKbps(sampleRate, channels);
  const version = versionFor(sampleRate);
  const samplesPerFrame = version === '1' ? 1152 : 576;
  const { frames, padding } = lameFrameCount(source.frames, samplesPerFrame);
  const frameBytes = frameBytesOf(version, kbps, sampleRate);
  // Every frame has the same size when the nominal size is a whole number of bytes (no padding slots).
  const constantSize = ((version === '1' ? 144000 : 72000) * kbps) % sampleRate === 0;
  return {
    contentType: 'audio/mpeg',
    extension: 'mp3',
    byteLength: undefined,
    open: () =>
      streamOf(async function* () {
        const encoder = new Mp3Encoder(channels, sampleRate, kbps);
        let infoSent = false;
        const withInfo = (encoded: ArrayBufferView): Uint8Array[] => {
          // lamejs hands back signed bytes (an Int8Array copy) whatever its typings say.
          const bytes = new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
          if (bytes.length === 0) return [];
          if (infoSent) return [bytes];
          infoSent = true;
          const first = parseMp3FrameHeader(bytes);
          if (!first) throw new Error('lamejs output does not start with a frame header');
          const info = mp3InfoFrame(first, bytes, {
            frames,
            audioBytes: constantSize ? frames * frameBytes : undefined,
            encoderDelay: LAME_ENCODER_DELAY,
            padding,
          });
          return [info, bytes];
        };
        for await (const chunk of source.chunks()) {
          const count = chunk.length / channels;
          for (let at = 0; at < count; at += ENCODE_FRAMES) {
            const end = Math.min(count, at + ENCODE_FRAMES);
            const [left, right] = channels === 1 ? [chunk.subarray(at, end), undefined] : split(chunk, at, end);
            yield* withInfo(encoder.encodeBuffer(left, right));
          }
        }
        yield* withInfo(encoder.flush());
      }),
  };
}

/** Left and right samples of frames [from, to) of an interleaved stereo chunk. */
function split(chunk: Int16Array, from: number, to: number): [Int16Array, Int16Array] {
  const left = new Int16Array(to - from);
  const right = new Int16Array(to - from);
  for (let i = from, j = 0; i < to; i++, j++) {
    left[j] = chunk[2 * i]!;
    right[j] = chunk[2 * i + 1]!;
  }
  return [left, right];
}
