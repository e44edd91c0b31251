import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelStatus, RecordingOrder, RecordingStarted, RecordingStopped } from '@callwire/plugin-api';
import { wavHeader } from '@callwire/plugin-kit';
import { InTestRecorder } from '../support/in-test-recorder.js';

const RATE = 8000;

/** A 16-bit mono PCM WAV of `seconds` of a 440 Hz tone at half scale. */
export function toneWav(seconds: number): Buffer {
  const samples = Math.round(seconds * RATE);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(16383 * Math.sin((2 * Math.PI * 440 * i) / RATE)), i * 2);
  return Buffer.concat([wavHeader({ sampleRate: RATE, channels: 1 }, samples), pcm]);
}

/**
 * The in-test core, but each recording leaves a real WAV in `dir` (a tone
 * of `seconds`, whatever the call's length), so EXPORT has audio to send.
 * Its channels are static: an idle one still names the device it is
 * assigned to (`static-N`), as the rtp-recorder's static channels do.
 */
export class WavTestRecorder extends InTestRecorder {
  constructor(coreIdent: number, channels: number, private readonly dir: string, private readonly seconds = 2) {
    super(coreIdent, channels);
  }

  override channels(): readonly ChannelStatus[] {
    return super.channels().map((channel) => (channel.state === 'Idle' ? { ...channel, recordingDevice: `static-${channel.id}` } : channel));
  }

  override async startRecording(order: RecordingOrder): Promise<RecordingStarted> {
    const started = await super.startRecording(order);
    return { ...started, fileName: this.fileOf(order.key) };
  }

  override async stopRecording(key: string, at: number): Promise<RecordingStopped> {
    const stopped = await super.stopRecording(key, at);
    const wav = toneWav(this.seconds);
    writeFileSync(this.fileOf(key), wav);
    return { ...stopped, fileName: this.fileOf(key), audioSize: wav.length };
  }

  private fileOf(key: string): string {
    return join(this.dir, `rec-${key.replace(/[^\w-]/g, '_')}.wav`);
  }
}
