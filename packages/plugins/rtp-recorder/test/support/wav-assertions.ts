import assert from 'node:assert/strict';
import type { WavFileContents as WavFile } from '@callwire/plugin-kit/testing';
import type { RecordedCall, StoppedCall } from './calls.js';

/** The header of a recorder file: 16-bit PCM at 8 kHz, sizes matching the file. */
export function assertRecorderHeader(wav: WavFile, channels: number): void {
  assert.deepEqual(
    { format: wav.format, channels: wav.channels, sampleRate: wav.sampleRate, byteRate: wav.byteRate, blockAlign: wav.blockAlign, bits: wav.bitsPerSample },
    { format: 1, channels, sampleRate: 8000, byteRate: 8000 * 2 * channels, blockAlign: 2 * channels, bits: 16 },
  );
  assert.equal(wav.dataOffset, 44);
  assert.equal(wav.dataSize, wav.size - 44, 'data size fixed up at stop');
  assert.equal(wav.riffSize, wav.size - 8, 'RIFF size fixed up at stop');
}

/**
 * The file lasts as long as the recording did in wall time: the engine set
 * its start between CALLSTART going out and its reply, and its stop between
 * CALLSTOP going out and its reply.
 */
export function assertWallClockLength(wav: WavFile, call: RecordedCall, stopped: StoppedCall): void {
  const shortest = stopped.stopSentAt - call.startRepliedAt - 1;
  const longest = stopped.stopRepliedAt - call.startSentAt + 1;
  assert.ok(wav.durationMs >= shortest && wav.durationMs <= longest, `file lasts ${wav.durationMs} ms; the recording lasted ${shortest}–${longest} ms`);
}

/** Every sample of [from, to) of every channel is zero. */
export function assertSilent(wav: WavFile, from: number, to: number, what: string): void {
  for (const [c, samples] of wav.samples.entries()) {
    const loud = samples.subarray(from, to).findIndex((s) => s !== 0);
    assert.equal(loud, -1, `${what}: channel ${c} frame ${from + loud} is ${samples[from + loud]}, not silence`);
  }
}
