import type { PcmFormat, PcmSource } from './pcm-source.js';
import { resample } from './resampler.js';

/**
 * A source in another channel layout and rate. Stereo to mono averages the
 * two sides (both parties of the call stay audible); mono to stereo puts the
 * same signal on both sides. Downmixing happens before resampling and
 * upmixing after, so the filter runs on as few channels as possible.
 */
export function convertSource(source: PcmSource, target: PcmFormat): PcmSource {
  const { channels } = source.format;
  if (target.channels < channels) return resample(remapChannels(source, target.channels), target.sampleRate);
  return remapChannels(resample(source, target.sampleRate), target.channels);
}

/** The same audio with `channels` channels (1 or 2). */
export function remapChannels(source: PcmSource, channels: number): PcmSource {
  const from = source.format.channels;
  if (from === channels) return source;
  const map = from === 2 && channels === 1 ? downmix : from === 1 && channels === 2 ? upmix : undefined;
  if (!map) throw new RangeError(`cannot map ${from} channels to ${channels}`);
  return {
    format: { sampleRate: source.format.sampleRate, channels },
    frames: source.frames,
    async *chunks() {
      for await (const chunk of source.chunks()) yield map(chunk);
    },
  };
}

/** Stereo → mono: the mean of left and right (rounded toward −∞, never clipping). */
function downmix(stereo: Int16Array): Int16Array {
  const mono = new Int16Array(stereo.length / 2);
  for (let i = 0; i < mono.length; i++) mono[i] = (stereo[2 * i]! + stereo[2 * i + 1]!) >> 1;
  return mono;
}

/** Mono → stereo: each sample on both sides. */
function upmix(mono: Int16Array): Int16Array {
  const stereo = new Int16Array(mono.length * 2);
  for (let i = 0; i < mono.length; i++) stereo[2 * i] = stereo[2 * i + 1] = mono[i]!;
  return stereo;
}
