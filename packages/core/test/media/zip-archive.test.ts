import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { encodeWav, zipArchive, type EncodedMedia } from '../../src/media/index.js';
import { bytesOf, memorySource, sine } from './pcm-helpers.js';

describe('ZIP archives', () => {
  it('stores each entry under its name, encoded only when the archive reaches it', async () => {
    const opened: string[] = [];
    const entry = (name: string, frames: number): { name: string; media: EncodedMedia } => {
      const wav = encodeWav(memorySource(sine(frames, 440, 8000), { sampleRate: 8000, channels: 1 }));
      return { name, media: { ...wav, open: () => (opened.push(name), wav.open()) } };
    };
    const zip = await bytesOf(zipArchive([entry('1.wav', 800), entry('2.wav', 1600)]).open());
    assert.deepEqual(opened, ['1.wav', '2.wav']);
    const names = [...zip.toString('latin1').matchAll(/PK\x01\x02[\s\S]{42}(\d\.wav)/g)].map((m) => m[1]);
    assert.deepEqual(names, ['1.wav', '2.wav']);
    const first = zip.indexOf('1.wav') + 5;
    assert.equal(zip.toString('latin1', first, first + 4), 'RIFF', 'stored: the WAV follows its local header as is');
    assert.throws(() => inflateRawSync(zip.subarray(first, first + 100)));
  });

  it('fails the archive when an entry fails, instead of ending it quietly', async () => {
    const broken: EncodedMedia = {
      contentType: 'audio/wav',
      extension: 'wav',
      byteLength: undefined,
      open: () =>
        Readable.from((async function* () {
          yield Buffer.from('RIFF');
          throw new Error('disk gone');
        })()),
    };
    await assert.rejects(bytesOf(zipArchive([{ name: 'x.wav', media: broken }]).open()), /disk gone/);
  });
});
