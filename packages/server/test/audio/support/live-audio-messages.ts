import type { EventSocketClient } from '../../support/event-socket-client.js';
import { toneShare } from '../../export/support/wav-bytes.js';

/** The JSON start an `/audio` client gets first. */
export interface AudioStart {
  readonly type: 'start';
  readonly deviceId: string;
  readonly recording: string;
  readonly callId: string;
  readonly participants: readonly { readonly name: string; readonly aor: string; readonly role: string }[];
  readonly sampleRate: number;
  readonly channels: readonly string[];
  readonly encoding: string;
}

/** What an `/audio` client received so far: the JSON messages and the PCM frames, apart. */
export interface AudioReceived {
  readonly texts: Record<string, unknown>[];
  /** Byte length of each binary frame, in order. */
  readonly frameBytes: number[];
  /** Every sample of every binary frame, read as little-endian 16-bit. */
  readonly samples: Int16Array;
}

export function audioReceived(client: EventSocketClient): AudioReceived {
  const texts: Record<string, unknown>[] = [];
  const frames: Buffer[] = [];
  for (const message of client.received) {
    if (typeof message === 'string') texts.push(JSON.parse(message) as Record<string, unknown>);
    else frames.push(message);
  }
  const bytes = Buffer.concat(frames);
  const samples = new Int16Array(bytes.length / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(2 * i);
  return { texts, frameBytes: frames.map((f) => f.length), samples };
}

/** One channel of interleaved samples. */
export function channelOf(samples: Int16Array, channel: number, channels: number): Int16Array {
  return samples.filter((_, i) => i % channels === channel);
}

/** 20 ms blocks of a channel that carry the tone. */
export function toneBlocks(channel: Int16Array, frequency: number): number {
  let blocks = 0;
  for (let from = 0; from + 160 <= channel.length; from += 160) if (toneShare(channel, frequency, 8000, from, 160) > 0.9) blocks++;
  return blocks;
}

/** The longest run of zero samples. */
export function longestSilence(samples: Int16Array): number {
  let run = 0;
  let longest = 0;
  for (const sample of samples) {
    run = sample === 0 ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
