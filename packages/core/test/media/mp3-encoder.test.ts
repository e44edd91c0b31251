import assert from 'node:assert/strict';
import { Mp3Encoder } from '@breezystack/lamejs';
import { crc16, encodeMp3, lameFrameCount, parseMp3FrameHeader } from '../../src/media/index.js';
import { bytesOf, memorySource, sine } from './pcm-helpers.js';

/** Every frame header of an MP3, walking from its first byte. */
function frames(mp3: Buffer) {
  const out = [];
  for (let at = 0; at < mp3.length; ) {
    const header = parseMp3FrameHeader(mp3, at);
    if (!header) throw new Error(`no frame at ${at}`);
    out.push({ at, ...header });
    at += header.frameBytes;
  }
  return out;
}

describe('MP3 export', () => {
  it('predicts the frames and padding lamejs produces, for any length, rate and channel count', () => {
    for (const [rate, channels, kbps] of [[8000, 1, 32], [8000, 2, 64], [16000, 1, 48], [22050, 2, 96], [44100, 2, 128]] as const) {
      for (const samples of [0, 1, 575, 576, 577, 1151, 1152, 1153, 8000, 12_345]) {
        const encoder = new Mp3Encoder(channels, rate, kbps);
        const pcm = sine(samples, 440, rate).subarray(0, samples);
        const out = Buffer.concat([encoder.encodeBuffer(pcm, channels === 2 ? pcm : undefined), encoder.flush()].map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)));
        const spf = rate <= 24000 ? 576 : 1152;
        const predicted = lameFrameCount(samples, spf);
        assert.equal(frames(out).length, predicted.frames, `${rate} Hz ${channels} ch ${samples} samples`);
        assert.equal(predicted.frames * spf - 576 - predicted.padding, samples, 'delay + audio + padding fill the frames');
      }
    }
  });

  it('starts with an Info frame whose LAME tag makes the decoded length exactly the input\'s', async () => {
    for (const [rate, channels, samples] of [[8000, 1, 12_345], [8000, 2, 8000], [8000, 1, 1], [16000, 1, 4000], [11025, 1, 3000]] as const) {
      const pcm = sine(samples, channels === 2 ? [440, 660] : 440, rate);
      const mp3 = await bytesOf(encodeMp3(memorySource(pcm, { sampleRate: rate, channels }, 777)).open());
      const all = frames(mp3);
      const [info, ...audio] = all;
      assert.ok(audio.every((f) => f.sampleRate === rate && f.channels === channels), 'the recording\'s rate and channels kept');
      const tag = info!.at + 4 + info!.sideInfoBytes;
      assert.equal(mp3.toString('latin1', tag, tag + 4), 'Info');
      const flags = mp3.readUInt32BE(tag + 4);
      assert.equal(mp3.readUInt32BE(tag + 8), audio.length, 'frame count');
      let at = tag + 12;
      if (flags & 2) {
        assert.equal(mp3.readUInt32BE(at), mp3.length, 'byte count');
        at += 4;
      } else assert.notEqual(rate % 8000, 0, 'bytes are left out only where frame sizes vary');
      at += 100 + 4;
      assert.equal(mp3.toString('latin1', at, at + 4), 'LAME');
      const delays = mp3.readUIntBE(at + 21, 3);
      const [delay, padding] = [delays >> 12, delays & 0xfff];
      assert.equal(delay, 576);
      assert.equal(audio.length * audio[0]!.samplesPerFrame - delay - padding, samples, `${rate} Hz ${samples} samples`);
      assert.equal(crc16(mp3.subarray(info!.at, at + 34)), mp3.readUInt16BE(at + 34), 'LAME tag CRC');
    }
  });

  it('goes up to the next MP3 rate for a recording at a rate MP3 lacks', async () => {
    const mp3 = await bytesOf(encodeMp3(memorySource(sine(9000, 440, 9000), { sampleRate: 9000, channels: 1 })).open());
    assert.ok(frames(mp3).every((f) => f.sampleRate === 11025));
  });

  it('CRC-16/ARC matches its check value', () => {
    assert.equal(crc16(Buffer.from('123456789')), 0xbb3d);
  });
});
