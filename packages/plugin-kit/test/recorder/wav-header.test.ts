import assert from 'node:assert/strict';
import { frameBytes, maxWavFrames, parseWavHeader, silenceByte, WAV_MAX_DATA_BYTES, wavHeader, WavFormatError, WavHeaderIncomplete, type WavEncoding } from '../../src/index.js';

describe('WAV header rules', () => {
  it('writes the canonical 44-byte header for each encoding and reads it back the same', () => {
    const cases: [WavEncoding, number, number][] = [['pcm16', 1, 16], ['pcm8', 1, 8], ['alaw', 6, 8], ['mulaw', 7, 8]];
    for (const [encoding, tag, bits] of cases) {
      const header = wavHeader({ sampleRate: 8000, channels: 2, encoding }, 100);
      const blockAlign = (2 * bits) / 8;
      assert.deepEqual(
        [header.toString('latin1', 0, 4), header.readUInt32LE(4), header.toString('latin1', 8, 16), header.readUInt16LE(20), header.readUInt16LE(34)],
        ['RIFF', 36 + 100 * blockAlign, 'WAVEfmt ', tag, bits],
        encoding,
      );
      assert.deepEqual([header.readUInt32LE(28), header.readUInt16LE(32), header.toString('latin1', 36, 40), header.readUInt32LE(40)], [8000 * blockAlign, blockAlign, 'data', 100 * blockAlign]);
      assert.deepEqual(parseWavHeader(header), { encoding, sampleRate: 8000, channels: 2, bytesPerSample: bits / 8, dataOffset: 44, dataBytes: 100 * blockAlign });
    }
    assert.equal(wavHeader({ sampleRate: 16000, channels: 1 }, 0).readUInt16LE(20), 1, '16-bit PCM is the default');
  });

  it('knows each encoding’s frame size and silence', () => {
    assert.deepEqual([frameBytes({ sampleRate: 8000, channels: 2 }), frameBytes({ sampleRate: 8000, channels: 1, encoding: 'alaw' })], [4, 1]);
    assert.deepEqual((['pcm16', 'pcm8', 'alaw', 'mulaw'] as const).map((e) => silenceByte(e)), [0, 0x80, 0xd5, 0xff]);
  });

  it('refuses more audio than the 32-bit RIFF sizes hold, rather than writing a wrapped size', () => {
    const stereo = { sampleRate: 8000, channels: 2 };
    assert.equal(maxWavFrames(stereo), Math.floor(WAV_MAX_DATA_BYTES / 4));
    assert.equal(wavHeader(stereo, maxWavFrames(stereo)).readUInt32LE(40), maxWavFrames(stereo) * 4);
    assert.throws(() => wavHeader(stereo, maxWavFrames(stereo) + 1), WavFormatError);
  });

  it('refuses formats outside the rules when writing and when reading', () => {
    assert.throws(() => wavHeader({ sampleRate: 8000, channels: 3 }, 0), /3 channels; only mono and stereo/);
    assert.throws(() => wavHeader({ sampleRate: 500, channels: 1 }, 0), /sample rate 500 Hz is out of range/);
    const six = wavHeader({ sampleRate: 8000, channels: 2 }, 0);
    six.writeUInt16LE(6, 22);
    assert.throws(() => parseWavHeader(six), /6 channels/);
    assert.throws(() => parseWavHeader(Buffer.from('RIFX0000WAVE')), /not a RIFF\/WAVE file/);
    assert.throws(() => parseWavHeader(wavHeader({ sampleRate: 8000, channels: 1 }, 0).subarray(0, 30)), WavHeaderIncomplete);
  });
});
